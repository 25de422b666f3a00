/**
 * A setup step a real phone refuses ends the case as flow-error naming the rule, never as a verdict:
 * LetMeSpy's service started from the lab's shell (not exported: refused before anything runs, from
 * its manifest) and Life360's `via: root` step on a Google Play image (adbd cannot run as root in
 * production builds). One product, two samples, fast mode, one emulator whose AVD is switched to a
 * Play image. STALKERBENCH_PORT_BASE 1220 (emulators from 1220; the round's adb server, Appium and
 * systemPorts land at base+200…, found free at or above).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { groupAttempts, readResults } from '../harness/results/index.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

const PORT_BASE = 1_220;

let workspace: RoundWorkspace | undefined;
afterAll(async () => {
  if (!workspace) return;
  await killRoundProcesses(workspace);
  await workspace.remove();
});

describe('a setup step Android refuses', () => {
  it('ends the case as flow-error naming the rule and what to do', async () => {
    workspace = await createRoundWorkspace({
      id: 'refusal', portBase: PORT_BASE, instances: 1, products: ['sentinel'], samples: ['letmespy', 'life360'], modes: ['on-demand', 'false-positive'],
    });
    // LetMeSpy's old setup: its non-exported service started from the shell.
    await workspace.edit('scenarios/samples/demo-catalogue.yaml', (text) => text.replace(
      /(\n {2}- id: letmespy\n[\s\S]*?\n {4}setup:\n)[\s\S]*?(\n {4}notes:)/,
      '$1      - grantRuntimePermissions: all\n      - startService: .LogService$2',
    ));
    expect(await readFile(join(workspace.dir, 'scenarios/samples/demo-catalogue.yaml'), 'utf8')).toContain('      - startService: .LogService\n');
    // The AVD becomes a Google Play image: a user build, where adbd refuses `adb root`.
    const config = join(workspace.sdk.avdHome, 'stalkerbench_pixel_api33.avd', 'config.ini');
    await writeFile(config, (await readFile(config, 'utf8')).replace('tag.id=google_apis\n', 'tag.id=google_apis_playstore\n'));

    let output = '';
    const io: CliIo = { stdout: (t) => { output += t; }, stderr: (t) => { output += t; }, cwd: workspace.dir, env: workspace.env };
    await runCommand([workspace.roundFile], io);
    const attempts = groupAttempts((await readResults(workspace.outputDir)).results);
    const final = (sample: string) => [...attempts.entries()].find(([caseId]) => caseId.includes(sample))?.[1].at(-1);

    const letmespy = final('letmespy');
    expect(letmespy, output).toBeDefined();
    expect(letmespy).toMatchObject({ status: 'flow-error', error: { code: 'FLOW_STEP_FAILED' } });
    expect(letmespy?.error?.message).toContain('Android refuses the shell user to start the non-exported service pl.lidwin.letmespy/.LogService (ActiveServices: not exported)');
    expect(letmespy?.error?.message).toContain('own setup screen');

    const life360 = final('life360');
    expect(life360).toMatchObject({ status: 'flow-error', error: { code: 'FLOW_STEP_FAILED' } });
    expect(life360?.error?.message).toContain('this image does not allow adb root');
  }, 570_000);
});
