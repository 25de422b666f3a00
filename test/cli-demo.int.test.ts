import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { main } from '../harness/cli/main.ts';

describe('stalkerbench demo (interim)', () => {
  let cwd: string;
  beforeAll(async () => { cwd = await mkdtemp(path.join(tmpdir(), 'sb-demo-')); });
  afterAll(async () => { await rm(cwd, { recursive: true, force: true }); });

  it('validates the shipped demo round, reads every APK, prints the plan and says running is not implemented', async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, cwd, env: {} };
    const code = await main(['demo'], io);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/cases +140 = /);
    // Identities come from the APK files, not from the YAML.
    expect(stdout).toMatch(/thetruthspy-renamed \(stalkerware, TheTruthSpy\): com\.apspy\.app "Wi-Fi" v\S+, signer SHA-1 [0-9A-F]{40}/);
    expect(stdout).toContain('on-demand: restore snapshot → install and set up the sample');
    expect(stdout).toContain('Running rounds is not implemented in this version yet');
    // The demo reads only: the working directory stays empty.
    expect(await readdir(cwd)).toEqual([]);
  });
});
