/**
 * Issue 17, end to end: a lab's whole round over samples it has just collected, through the real stack
 * (real adb, real Appium and UiAutomator2 driver, a virtual emulator), one CLI command after another as a
 * lab would type them: ingest a folder (two fixture APKs, a ZIP bomb and a text file) → plan, published
 * before testing → a change to the round after the plan (a deviation) → run → a vendor's review pack →
 * that vendor's dispute, decided → report (deviation and dispute shown) → keygen → publish → verify, then
 * a tampered file that verify names.
 * Port block 13200–13299 (STALKERBENCH_PORT_BASE).
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { main } from '../harness/cli/main.ts';
import { readResults, readRoundFile } from '../harness/results/index.ts';
import { buildZipBomb } from './support/apk-zip-builder.ts';
import { loadGroundTruth } from './support/ground-truth.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

interface Run { code: number; out: string }

async function cli(workspace: RoundWorkspace, argv: string[]): Promise<Run> {
  let out = '';
  const io: CliIo = { stdout: (text) => { out += text; }, stderr: (text) => { out += text; }, cwd: workspace.dir, env: workspace.env };
  return { code: await main(argv, io), out };
}

async function editYaml(file: string, change: (document: ReturnType<typeof parseDocument>) => void): Promise<void> {
  const document = parseDocument(await readFile(file, 'utf8'));
  change(document);
  await writeFile(file, document.toString());
}

async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('a lab\'s round from intake to a sealed publication', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({
      id: 'lab', portBase: 13_200, instances: 1, products: ['sentinel', 'quietguard'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 },
    });
  });
  afterAll(async () => {
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  it('ingests, plans, runs, reviews, decides a dispute, reports the deviation, publishes and verifies', async () => {
    const { dir } = workspace;
    // 1. Intake: what a collector hands the lab, with a ZIP bomb and a note among the APKs.
    const intake = join(dir, 'intake');
    await mkdir(intake);
    await copyFile(join(dir, 'scenarios/apks/stalkerware-mspy.apk'), join(intake, 'sample-a.apk'));
    await copyFile(join(dir, 'scenarios/apks/stalkerware-cerberus.apk'), join(intake, 'sample-b.apk'));
    await writeFile(join(intake, 'bomb.apk'), await buildZipBomb('AndroidManifest.xml', 256 * 1024 * 1024));
    await writeFile(join(intake, 'notes.txt'), 'collected 2026-11-30\n');
    await writeFile(join(dir, 'ioc.yaml'), [
      '- name: mSpy', '  type: stalkerware', '  packages: [update.service.android]',
      '- name: Cerberus', '  type: stalkerware', '  packages: [com.lsdroid.cerberus]', '',
    ].join('\n'));
    const ingested = await cli(workspace, ['ingest', 'intake', '--indicators', 'ioc.yaml', '--catalogue', 'scenarios/samples/intake.yaml']);
    expect(ingested.code, ingested.out).toBe(0);
    expect(ingested.out).toMatch(/rejected 2/);
    const report = JSON.parse(await readFile(join(dir, 'scenarios/samples/intake.ingest.json'), 'utf8')) as { rejected: Array<{ relative: string }> };
    expect(report.rejected.map((item) => item.relative).sort()).toEqual(['bomb.apk', 'notes.txt']);

    // 2. The round uses the ingested catalogue; its plan is published before testing.
    await editYaml(workspace.roundFile, (round) => { round.set('samples', [{ catalogue: '../samples/intake.yaml', select: 'all' }]); });
    const validated = await cli(workspace, ['validate', workspace.roundFile]);
    expect(validated.code, validated.out).toBe(0);
    const planned = await cli(workspace, ['plan', workspace.roundFile, '--with-hashes', '--date', '2026-12-01']);
    expect(planned.code, planned.out).toBe(0);
    const plan = JSON.parse(await readFile(join(workspace.outputDir, 'plan.json'), 'utf8')) as { cases: { total: number }; samples: { families: Array<{ family: string }> } };
    expect(plan.cases.total).toBe(4);
    expect(plan.samples.families.map((family) => family.family).sort()).toEqual(['Cerberus', 'mSpy']);

    // 3. After publication the lab lengthens the step timeout: a deviation the report must disclose.
    await editYaml(workspace.roundFile, (round) => { round.setIn(['timeouts', 'stepMs'], 20_000); });
    const ran = await cli(workspace, ['run', workspace.roundFile]);
    expect(ran.code, ran.out).toBe(0);
    const round = await readRoundFile(workspace.outputDir);
    const { results } = await readResults(workspace.outputDir);
    const finals = results.filter((result) => result.final);
    expect(finals).toHaveLength(4);
    const truth = await loadGroundTruth();
    for (const result of finals) {
      const planned = round.plan.cases.find((entry) => entry.caseId === result.caseId)!;
      const sample = round.samples.find((entry) => entry.id === planned.sampleId)!;
      const family = sample.family === 'mSpy' ? 'mspy' : 'cerberus';
      const expected = truth.products[planned.productId]?.[family]?.['on-demand'];
      expect({ caseId: result.caseId, status: result.status, detected: result.detected, alerted: result.alerted })
        .toEqual({ caseId: result.caseId, status: 'completed', detected: expected?.detected, alerted: expected?.alerted });
    }

    // 4. QuietGuard's vendor reviews its own cases only, with the plan cut to its product.
    const packDir = join(dir, 'packs', 'quietguard');
    const packed = await cli(workspace, ['review-pack', workspace.outputDir, '--product', 'quietguard', '--output', packDir]);
    expect(packed.code, packed.out).toBe(0);
    const cut = JSON.parse(await readFile(join(packDir, 'plan-cut.json'), 'utf8')) as { products: Array<{ id: string }>; cases: { total: number } };
    expect(cut.products.map((product) => product.id)).toEqual(['quietguard']);
    expect(cut.cases.total).toBe(2);
    for (const file of await listTree(packDir)) {
      expect((await readFile(file)).toString('latin1').toLowerCase().includes('com.sentinelav.mobile'), file).toBe(false);
    }

    // 5. The vendor disputes one case; the lab rejects the claim with a reason.
    const disputed = round.plan.cases.find((entry) => entry.productId === 'quietguard')!.caseId;
    await writeFile(join(workspace.outputDir, 'disputes.yaml'), [
      'disputes:', `  - case: ${disputed}`, '    claim: our scan names it on the second page', '    by: QuietGuard',
      '    claimedAt: 2026-12-03', '    decision: rejected', '    reason: the results list has one page', '    decidedBy: Lab', '    decidedAt: 2026-12-04', '',
    ].join('\n'));
    const reported = await cli(workspace, ['report', workspace.outputDir]);
    expect(reported.code, reported.out).toBe(0);
    const markdown = await readFile(join(workspace.outputDir, 'report.md'), 'utf8');
    expect(markdown).toContain('1 deviation(s) from the published plan');
    expect(markdown).toContain('the round file changed after the plan was published');
    expect(markdown).toContain('our scan names it on the second page');
    const index = await readFile(join(workspace.outputDir, 'index.html'), 'utf8');
    expect(index).toContain('id="plan-deviations"');

    // 6. Sealed publication, verified; a changed byte is named.
    const keys = join(dir, 'keys');
    expect((await cli(workspace, ['keygen', 'lab', '--output', keys])).code).toBe(0);
    const published = await cli(workspace, ['publish', workspace.outputDir, '--key', join(keys, 'lab.private.pem')]);
    expect(published.code, published.out).toBe(0);
    const verified = await cli(workspace, ['verify', workspace.outputDir, '--key', join(keys, 'lab.public.pem')]);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toMatch(/intact: \d+ files/);
    const csv = join(workspace.outputDir, 'results.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('true', 'false'));
    const tampered = await cli(workspace, ['verify', workspace.outputDir, '--key', join(keys, 'lab.public.pem')]);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('results.csv');
  }, 900_000);
});
