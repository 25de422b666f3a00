import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixtureRound, fixtureRound, runCli } from './fixtures/rounds/report-test-kit.ts';

const cleanup: string[] = [];
afterEach(async () => {
  for (const path of cleanup.splice(0)) await rm(path, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'sb-report-cli-'));
  cleanup.push(path);
  return path;
}

async function writableRound(name: 'basic' | 'basic-next'): Promise<string> {
  const folder = await copyFixtureRound(name);
  cleanup.push(dirname(folder));
  return folder;
}

describe('stalkerbench compare', () => {
  it('finds the regression and exits 1 with --fail-on-regression, 0 without', async () => {
    const gated = await runCli(['compare', fixtureRound('basic'), fixtureRound('basic-next'), '--fail-on-regression']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('**1 regression(s)**');
    expect(gated.stdout).toContain('- FlexiSpy [on-demand]: ● Detected and alerted → ○ Missed');
    expect(gated.stderr).toContain('1 regression(s) from basic-2026-11 to basic-2026-12');
    const plain = await runCli(['compare', fixtureRound('basic'), fixtureRound('basic-next')]);
    expect(plain.code).toBe(0);
  });

  it('reports every kind of change as JSON', async () => {
    const run = await runCli(['compare', fixtureRound('basic'), fixtureRound('basic-next'), '--json']);
    expect(run.code).toBe(0);
    const comparison = JSON.parse(run.stdout);
    const acme = comparison.products.find((product: { productId: string }) => product.productId === 'acme');
    const ids = (changes: Array<{ sampleId: string; mode: string }>) => changes.map((change) => `${change.sampleId}/${change.mode}`);
    expect(ids(acme.regressions)).toEqual(['flexispy/on-demand']);
    expect(ids(acme.newDetections)).toEqual(['cocospy/on-demand']);
    expect(ids(acme.alertsGained)).toEqual(['mspy/on-demand']);
    expect(ids(acme.fixedFalsePositives)).toEqual(['life360/on-demand']);
    expect(acme).toMatchObject({ versionBefore: '5.2.1 (521)', versionAfter: '5.3.0 (530)', versionChanged: true });
    const bravo = comparison.products.find((product: { productId: string }) => product.productId === 'bravo');
    expect(bravo.regressions).toEqual([]);
    expect(comparison.regressionCount).toBe(1);
  });

  it('exits 0 under the gate when nothing regressed, and writes --markdown', async () => {
    const out = join(await tempDir(), 'changes.md');
    const run = await runCli(['compare', fixtureRound('basic'), fixtureRound('basic'), '--fail-on-regression', '--markdown', out]);
    expect(run.code).toBe(0);
    const markdown = await readFile(out, 'utf8');
    expect(markdown).toContain('No regressions');
    expect(run.stdout).toBe(markdown);
  });

  it('rejects a missing folder with REPORT_INPUT_INVALID, exit 2, nothing written', async () => {
    const dir = await tempDir();
    const out = join(dir, 'changes.md');
    const run = await runCli(['compare', join(dir, 'nope'), fixtureRound('basic'), '--markdown', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error REPORT_INPUT_INVALID');
    expect(await readdir(dir)).toEqual([]);
  });

  it('documents options and exit codes in --help', async () => {
    const run = await runCli(['compare', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--fail-on-regression');
    expect(run.stdout).toContain('exit codes:');
  });
});

describe('stalkerbench report input errors', () => {
  it('missing round folder: REPORT_INPUT_INVALID, exit 2, no output folder created', async () => {
    const dir = await tempDir();
    const run = await runCli(['report', join(dir, 'missing'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error REPORT_INPUT_INVALID');
    expect(await readdir(dir)).toEqual([]);
  });

  it('corrupt round.json: REPORT_INPUT_INVALID, exit 2, nothing written', async () => {
    const folder = await writableRound('basic');
    await writeFile(join(folder, 'round.json'), '{"schemaVersion": 1, "round": ');
    const before = (await readdir(folder)).sort();
    const run = await runCli(['report', folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error REPORT_INPUT_INVALID');
    expect((await readdir(folder)).sort()).toEqual(before);
  });

  it('round.json with schema problems lists each field', async () => {
    const folder = await writableRound('basic');
    const round = JSON.parse(await readFile(join(folder, 'round.json'), 'utf8'));
    round.plan.cases[0].productId = 'ghost';
    round.plan.cases[1].deviceProfile = 'api99';
    await writeFile(join(folder, 'round.json'), JSON.stringify(round));
    const run = await runCli(['report', folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("plan.cases[0].productId: no product 'ghost' in products");
    expect(run.stderr).toContain("plan.cases[1].deviceProfile: no device profile 'api99' in devices");
    round.samples[0].kind = 'malware';
    await writeFile(join(folder, 'round.json'), JSON.stringify(round));
    const typed = await runCli(['report', folder]);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toContain('samples[0].kind');
  });

  it('a corrupt line in the middle of results.jsonl: RESULTS_CORRUPT naming file:line, exit 2', async () => {
    const folder = await writableRound('basic');
    const lines = (await readFile(join(folder, 'results.jsonl'), 'utf8')).split('\n');
    lines[4] = '{"caseId": "broken"';
    await writeFile(join(folder, 'results.jsonl'), lines.join('\n'));
    const run = await runCli(['report', folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error RESULTS_CORRUPT');
    expect(run.stderr).toContain('results.jsonl:5');
    expect((await readdir(folder)).includes('index.html')).toBe(false);
  });

  it('a torn last line is reported and the report is still written', async () => {
    const folder = await writableRound('basic');
    await appendFile(join(folder, 'results.jsonl'), '{"caseId":"acme.flexispy.on-demand.api34.r1","attempt":2,"fin');
    const run = await runCli(['report', folder]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('results.jsonl line 21 was cut off by a crash');
    expect(await readFile(join(folder, 'report.md'), 'utf8')).toContain('results.jsonl line 21 was cut off');
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['report'])).code).toBe(2);
    expect((await runCli(['report', 'a', '--bogus'])).code).toBe(2);
    expect((await runCli(['compare', 'only-one'])).code).toBe(2);
  });
});
