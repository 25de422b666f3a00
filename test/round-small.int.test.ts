import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults, readRoundFile } from '../harness/results/index.ts';
import type { RoundReporter } from '../harness/round/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { createRoundWorkspace, findRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

function collectIo(workspace: RoundWorkspace): CliIo & { text(): string } {
  let text = '';
  return { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env, text: () => text };
}

describe('stalkerbench run: a small round through the real stack (virtual emulators, adb, Appium)', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({
      id: 'small', portBase: 6_000, instances: 2,
      // Sentinel alerts in real time and on first start, NameCheck misses the renamed sample;
      // Life360 is watchware (false-positive check).
      products: ['sentinel', 'namecheck'], samples: ['thetruthspy-renamed', 'mspy', 'life360'],
      modes: ['on-demand', 'real-time', 'false-positive'],
      expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 },
    });
  });
  afterAll(async () => { await workspace.remove(); });

  it('completes every case and every verdict equals scenarios/ground-truth.yaml, with evidence on disk', async () => {
    const truth = await loadGroundTruth();
    const io = collectIo(workspace);
    const deviceStates: string[] = [];
    const reporter: RoundReporter = { onDeviceState: (event) => { deviceStates.push(event.state); } };
    const code = await runCommand([workspace.roundFile], io, { reporters: [reporter] });
    expect(code, io.text()).toBe(0);
    expect(io.text()).toMatch(/round small finished in .*: 12 completed, 0 errors/);
    // The report is rendered at the end of the round, next to the results.
    expect(io.text()).toMatch(/^report: out\/small\/index\.html, .*out\/small\/junit\.xml/m);
    for (const file of ['index.html', 'report.md', 'matrix.csv', 'results.csv', 'junit.xml', 'summary.json']) {
      expect(existsSync(join(workspace.outputDir, file)), file).toBe(true);
    }
    const summary = JSON.parse(await readFile(join(workspace.outputDir, 'summary.json'), 'utf8')) as unknown;
    expect(JSON.stringify(summary)).toContain('sentinel');

    const round = await readRoundFile(workspace.outputDir);
    expect(round.finishedAt).not.toBeNull();
    expect(round.products.every((p) => p.versionName !== null)).toBe(true);
    const { results } = await readResults(workspace.outputDir);
    expect(results.map((r) => r.caseId).sort()).toEqual(round.plan.cases.map((c) => c.caseId).sort());
    for (const [caseId, result] of finalOutcomes(results)) {
      const planned = round.plan.cases.find((c) => c.caseId === caseId);
      if (!planned) throw new Error(`result for unplanned case ${caseId}`);
      expect({ caseId, status: result.status, ...observedOutcomeOf(result) }).toEqual({ caseId, status: 'completed', ...expectedOutcomeOf(truth, planned) });
      const kinds = new Set(result.evidence.map((e) => e.kind));
      for (const kind of ['screenshot', 'ui-dump', 'notifications', 'logcat']) expect(kinds, caseId).toContain(kind);
      for (const item of result.evidence) expect(existsSync(join(workspace.outputDir, item.path)), item.path).toBe(true);
    }
    // The pool prepared a snapshot, ran devices and stopped them all; nothing is left running.
    expect(deviceStates).toContain('preparing');
    expect(deviceStates.at(-1)).toBe('stopped');
    expect(await findRoundProcesses(workspace)).toEqual([]);
    expect(await readFile(join(workspace.outputDir, 'round.log'), 'utf8')).toMatch(/\[emulator-6000\]/);
  }, 600_000);

  it('a second run of the finished round says so, exits 0, starts nothing and writes nothing', async () => {
    const before = await readFile(join(workspace.outputDir, 'results.jsonl'), 'utf8');
    const io = collectIo(workspace);
    let events = 0;
    const code = await runCommand([workspace.roundFile], io, { reporters: [{ onRunStart: () => { events += 1; }, onDeviceState: () => { events += 1; } }] });
    expect(code).toBe(0);
    expect(io.text()).toMatch(/round already finished/);
    expect(events).toBe(0);
    expect(await readFile(join(workspace.outputDir, 'results.jsonl'), 'utf8')).toBe(before);
  }, 120_000);
});
