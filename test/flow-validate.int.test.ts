/**
 * `stalkerbench validate` on flows (in process, on a copy of the demo scenario): a mistyped step name
 * gets the nearest step, nested steps are located at their own line, and run calls, cycles and unset
 * `${env:NAME}` variables are CONFIG_INVALID with file and line, and a mistyped argument (a key inside a
 * step, a key name, a direction, results.shape) gets the nearest valid one; nothing is written.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDemoScenario, editFile as edit, runCli as run, snapshotTree, type CliRun } from './support/cli-in-process.ts';

const PROFILE = 'scenarios/products/sentinel.yaml';
const SCAN_TAP = '    - tap: { id: com.sentinelav.mobile:id/scan_button }';

describe('stalkerbench validate explains flow errors', () => {
  let dir: string;
  beforeEach(async () => { dir = await copyDemoScenario('sb-flow-validate-'); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  async function expectInvalid(): Promise<{ result: CliRun; lineOf: (needle: string) => number }> {
    const before = await snapshotTree(dir);
    const result = await run(['validate', 'scenarios/rounds/demo.yaml'], dir);
    expect(result.stderr).toMatch(/^error CONFIG_INVALID: /);
    expect(result.code).toBe(2);
    expect(await snapshotTree(dir)).toEqual(before);
    const lines = (await readFile(path.join(dir, PROFILE), 'utf8')).split('\n');
    return { result, lineOf: (needle) => lines.findIndex((text) => text.includes(needle)) + 1 };
  }

  it('a mistyped bare step and a mistyped step inside then get the nearest step name at their line', async () => {
    await edit(path.join(dir, PROFILE), (text) => text.replace(SCAN_TAP, `    - bakc\n    - if: { visible: { text: Go Premium } }\n      then:\n        - tpa: { desc: Close }\n${SCAN_TAP}`));
    const { result, lineOf } = await expectInvalid();
    expect(result.stderr).toContain(`${PROFILE}:${lineOf('- bakc')} flows.scan[0]: expected a step:`);
    expect(result.stderr).toMatch(/flows\.scan\[0\]: expected a step: .*; did you mean 'back'\?/);
    expect(result.stderr).toContain(`${PROFILE}:${lineOf('- tpa:')} flows.scan[1].then[0].tpa: unknown key (did you mean 'tap'?)`);
  });

  it('run calls to unknown flows, cycles and unset environment variables name file and line', async () => {
    await edit(path.join(dir, PROFILE), (text) => text.replace(SCAN_TAP, `    - run: skipTuor\n    - type: { into: { desc: Key }, text: "\${env:HFLOW_UNSET_LICENCE}" }\n${SCAN_TAP}`)
      .replace('\nresults:', '\n  skipTour:\n    - run: again\n  again:\n    - run: skipTour\nresults:'));
    const { result, lineOf } = await expectInvalid();
    expect(result.stderr).toContain(`${PROFILE}:${lineOf('- run: skipTuor')} flows.scan[0].run: no flow is called skipTuor (did you mean 'skipTour'?)`);
    expect(result.stderr).toMatch(/flows\.(skipTour|again)\[0\]\.run: flows call each other in a cycle: (skipTour → again → skipTour|again → skipTour → again)/);
    expect(result.stderr).toContain('${env:HFLOW_UNSET_LICENCE} names an environment variable that is not set');
  });

  it('a mistyped argument key, key name and enum values get the nearest valid one at their line', async () => {
    await edit(path.join(dir, PROFILE), (text) => text.replace(SCAN_TAP, [
      '    - tap: { txt: OK }',
      '    - pressKey: entr',
      '    - grantSpecialAccess: { access: usage_access }',
      '    - swipe: lfet',
      SCAN_TAP,
    ].join('\n')).replace(/\nresults:\n/, '\nresults:\n  shape: dialgo\n  dialog: { id: android:id/parentPanel }\n'));
    const { result, lineOf } = await expectInvalid();
    expect(result.stderr).toContain(`${PROFILE}:${lineOf('- tap: { txt: OK }')} flows.scan[0].tap.txt: unknown key (did you mean 'text'?)`);
    expect(result.stderr).toMatch(new RegExp(`${PROFILE}:${lineOf('- pressKey: entr')} flows\\.scan\\[1\\]\\.pressKey: expected one of .*got string 'entr'; did you mean 'enter'\\?`));
    expect(result.stderr).toMatch(new RegExp(`${PROFILE}:${lineOf('usage_access')} flows\\.scan\\[2\\]\\.grantSpecialAccess\\.access: expected one of .*; did you mean 'usage'\\?`));
    expect(result.stderr).toMatch(new RegExp(`${PROFILE}:${lineOf('- swipe: lfet')} flows\\.scan\\[3\\]\\.swipe: expected up, down, left, right .*; did you mean 'left'\\?`));
    expect(result.stderr).toMatch(new RegExp(`${PROFILE}:${lineOf('shape: dialgo')} results\\.shape: expected one of .*; did you mean 'dialog'\\?`));
  });
});
