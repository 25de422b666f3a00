/**
 * Fast mode changes timings, never verdicts: one real-time round run twice, with the virtual apps'
 * delays zeroed (`stalkerbench_fast_apps=1`) and with their real delays, must give every case the
 * same verdict. The product is Sentinel rebuilt with a heuristic rule only (stalkerware is what
 * hides its launcher icon), checked a while after an install: on a phone the check runs after the
 * abuser's setup hid the icon, so fast mode must not run it at the install (simulator/apps/app-delays.ts).
 * mspy and Cerberus hide their icons during setup. Ports 4800–5199.
 */
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { groupAttempts, readResults } from '../harness/results/index.ts';
import { buildFixture } from '../scripts/fixtures/build-fixture.ts';
import { prepareDeterministicSigner } from '../scripts/fixtures/deterministic-signer.ts';
import { FIXTURE_PATHS } from '../scripts/fixtures/fixture-paths.ts';
import { listFixtures } from '../scripts/fixtures/list-fixtures.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

const PORT_BASE = 4_800;
/** The rebuilt product checks a new package this long after its install (its real delay). */
const CHECK_DELAY_MS = 15_000;

/** Sentinel's fixture with one heuristic rule, built into the workspace's APKs and pinned in its profile. */
async function useHeuristicSentinel(workspace: RoundWorkspace): Promise<void> {
  const fixturesDir = join(workspace.dir, 'fixtures');
  await mkdir(fixturesDir, { recursive: true });
  await cp(join(FIXTURE_PATHS.fixturesDir, 'product-sentinelav'), join(fixturesDir, 'product-sentinelav'), { recursive: true });
  await workspace.edit('fixtures/product-sentinelav/assets/stalkerbench-behaviour.json', (text) => {
    const behaviour = JSON.parse(text) as { product: { rules: unknown[]; realTime: { delayMs: number; notification: { text: string } } } };
    behaviour.product.rules = [{ label: 'Hidden monitoring app', category: 'stalkerware', match: { hiddenIcon: true } }];
    behaviour.product.realTime.delayMs = CHECK_DELAY_MS;
    behaviour.product.realTime.notification.text = '{appLabel} ({package}) hides its icon: {label}';
    return JSON.stringify(behaviour, null, 2);
  });
  const [fixture] = await listFixtures(fixturesDir, FIXTURE_PATHS.keysDir);
  if (!fixture) throw new Error('the copied fixture is not listed');
  const built = await buildFixture(fixture, { outDir: join(workspace.dir, 'scenarios/apks'), workDir: join(workspace.dir, 'fixture-work'), signer: await prepareDeterministicSigner() });
  await workspace.edit('scenarios/products/sentinel.yaml', (text) => text.replace(/(apk:\n\s+file: \.\.\/apks\/product-sentinelav\.apk\n\s+sha256:) [0-9a-f]{64}/, `$1 ${built.sha256}`));
}

interface Verdict { caseId: string; status: string; detected: boolean | undefined; detectedBy: string[]; alerted: boolean | undefined }

async function runRound(fastApps: boolean): Promise<Verdict[]> {
  const workspace = await createRoundWorkspace({
    id: fastApps ? 'fast' : 'real', portBase: PORT_BASE, instances: 2, fastApps,
    products: ['sentinel'], samples: ['mspy', 'cerberus'], modes: ['real-time'],
    expectedDelays: { realTimeAlertMs: CHECK_DELAY_MS + 10_000 },
  });
  workspaces.push(workspace);
  await useHeuristicSentinel(workspace);
  let text = '';
  const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env };
  expect(await runCommand([workspace.roundFile], io), text).toBe(0);
  const attempts = groupAttempts((await readResults(workspace.outputDir)).results);
  return [...attempts.entries()].map(([caseId, list]) => {
    const final = list.at(-1);
    if (!final) throw new Error(`no result for ${caseId}`);
    return { caseId, status: final.status, detected: final.detected, detectedBy: [...final.detectedBy].sort(), alerted: final.alerted };
  }).sort((a, b) => a.caseId.localeCompare(b.caseId));
}

const workspaces: RoundWorkspace[] = [];
afterEach(async () => {
  for (const workspace of workspaces.splice(0)) {
    await killRoundProcesses(workspace);
    await workspace.remove();
  }
});

describe('fast mode', () => {
  it('gives every case of a heuristic real-time round the verdict real delays give', async () => {
    const real = await runRound(false);
    const fast = await runRound(true);
    expect(real.map((verdict) => verdict.status)).toEqual(['completed', 'completed']);
    // The heuristic really decided: each sample was found only once its setup had hidden its icon.
    for (const verdict of real) expect(verdict).toMatchObject({ detected: true, detectedBy: ['real-time'] });
    expect(fast).toEqual(real);
  }, 570_000);
});
