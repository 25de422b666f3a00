import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { main } from '../harness/cli/main.ts';
import { runCommand } from '../harness/cli/run.ts';
import { readResults, readRoundFile } from '../harness/results/index.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

function collectIo(workspace: RoundWorkspace): CliIo & { text(): string } {
  let text = '';
  return { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env, text: () => text };
}

async function resultLines(workspace: RoundWorkspace): Promise<string[]> {
  const text = await readFile(join(workspace.outputDir, 'results.jsonl'), 'utf8');
  return text.split('\n').filter((line) => line !== '');
}

describe('stalkerbench run --retest: chosen cases of a finished round run again as new attempts', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({
      id: 'retest', portBase: 9_800, instances: 1,
      products: ['sentinel'], samples: ['mspy', 'cerberus'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 },
    });
  });
  afterAll(async () => {
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  it('appends a new final attempt for the retested case, keeps every earlier line, and the report shows it retested', async () => {
    const first = collectIo(workspace);
    expect(await runCommand([workspace.roundFile], first), first.text()).toBe(0);
    const before = await resultLines(workspace);
    const round = await readRoundFile(workspace.outputDir);
    expect(round.plan.cases).toHaveLength(2);
    const [retested, untouched] = round.plan.cases.map((entry) => entry.caseId);
    if (retested === undefined || untouched === undefined) throw new Error('the round plans two cases');
    const firstAttempt = (await readResults(workspace.outputDir)).results.find((r) => r.caseId === retested && r.final);

    // An id the round does not plan is bad input: exit 2, nothing run, nothing written.
    const refused = collectIo(workspace);
    expect(await main(['run', workspace.roundFile, '--retest', `${retested},nope/no-such-case`], refused)).toBe(2);
    expect(refused.text()).toMatch(/--retest: the round plans no case 'nope\/no-such-case'/);
    expect(await resultLines(workspace)).toEqual(before);

    const io = collectIo(workspace);
    const started: string[] = [];
    const code = await runCommand([workspace.roundFile, '--retest', retested], io, { reporters: [{ onCaseStart: (event) => { started.push(`${event.caseId}#${event.attempt}`); } }] });
    expect(code, io.text()).toBe(0);
    expect(started).toEqual([`${retested}#${(firstAttempt?.attempt ?? 0) + 1}`]);

    // Append-only: every earlier line is kept, unchanged and in order; one new line, final, numbered on.
    const after = await resultLines(workspace);
    expect(after.slice(0, before.length)).toEqual(before);
    const { results } = await readResults(workspace.outputDir);
    const added = results.slice(before.length);
    expect(added.map((r) => ({ caseId: r.caseId, attempt: r.attempt, final: r.final }))).toEqual([{ caseId: retested, attempt: (firstAttempt?.attempt ?? 0) + 1, final: true }]);
    expect(results.filter((r) => r.caseId === untouched)).toHaveLength(before.filter((line) => line.includes(`"caseId":"${untouched}"`)).length);

    // The report rendered at the end says which case was retested and keeps the first verdict beside it.
    const rows = parse(await readFile(join(workspace.outputDir, 'results.csv'), 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.find((row) => row['case_id'] === retested)).toMatchObject({ retested: 'true', attempts: String(results.filter((r) => r.caseId === retested).length) });
    expect(rows.find((row) => row['case_id'] === untouched)).toMatchObject({ retested: 'false' });
    const summary = JSON.parse(await readFile(join(workspace.outputDir, 'summary.json'), 'utf8')) as { retested: Array<{ caseId: string; originalAttempt: number; finalAttempt: number }> };
    expect(summary.retested).toEqual([expect.objectContaining({ caseId: retested, originalAttempt: firstAttempt?.attempt, finalAttempt: (firstAttempt?.attempt ?? 0) + 1 })]);
    expect((await readRoundFile(workspace.outputDir)).finishedAt).not.toBeNull();
  }, 600_000);
});
