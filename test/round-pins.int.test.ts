import { existsSync } from 'node:fs';
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../harness/cli/run.ts';
import { exitCodeFor, isHarnessError } from '../harness/errors/index.ts';
import { isPortFree } from './support/ports.ts';
import { createRoundWorkspace, findRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

async function listTree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('stalkerbench run: a sample that no longer matches its pin', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({ id: 'pins', portBase: 6_800, products: ['sentinel'], samples: ['mspy', 'cerberus'], modes: ['on-demand'] });
  });
  afterAll(async () => { await workspace.remove(); });

  it('is refused before any device is touched: exit 2, no emulator, no adb server, nothing in the output folder', async () => {
    // A changed file: one byte appended to the copied APK, the catalogue's pin left as it was.
    const apk = join(workspace.dir, 'scenarios/apks/stalkerware-cerberus.apk');
    await appendFile(apk, Buffer.from([0]));
    const avdBefore = await listTree(workspace.home.avdHome);

    let text = '';
    const events: string[] = [];
    const error = await runCommand([workspace.roundFile], { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env }, {
      reporters: [{ onRunStart: () => { events.push('run'); }, onDeviceState: (e) => { events.push(e.state); }, onCaseStart: () => { events.push('case'); } }],
    }).then(() => undefined, (thrown: unknown) => thrown);
    expect(isHarnessError(error, 'SAMPLE_HASH_MISMATCH')).toBe(true);
    // main() turns it into exit code 2 (bad input).
    expect(exitCodeFor(error)).toBe(2);
    expect((error as Error).message).toMatch(/cerberus/);
    expect(text).toBe('');
    expect(events).toEqual([]);
    expect(existsSync(workspace.outputDir)).toBe(false);
    // The round's adb server port and emulator ports were never bound, no process was started and
    // the AVD folder did not change (no snapshot, no lock).
    expect(await isPortFree(6_800 + 200)).toBe(true);
    expect(await isPortFree(6_800)).toBe(true);
    expect(await findRoundProcesses(workspace)).toEqual([]);
    expect(await listTree(workspace.home.avdHome)).toEqual(avdBefore);
  }, 60_000);
});
