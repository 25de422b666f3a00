import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../harness/plan/index.ts';
import { copyDemoScenario, editFile, runCli, snapshotTree } from './support/cli-in-process.ts';

/** `stalkerbench plan` of the demo round, in process, on a private copy of the demo scenario. */

describe('stalkerbench plan', () => {
  let work = '';
  beforeAll(async () => { work = await copyDemoScenario('sb-plan-'); });
  afterAll(async () => { if (work) await rm(work, { recursive: true, force: true }); });

  const read = (dir: string, name: string): Promise<string> => readFile(path.join(work, dir, name), 'utf8');

  it('writes plan.json, plan.md and plan.sha256 with the round\'s products, modes, families, criteria and devices', async () => {
    const result = await runCli(['plan', 'scenarios/rounds/demo.yaml', '--output', 'plan-a', '--date', '2026-07-01'], work);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = await read('plan-a', 'plan.json');
    const sha256 = createHash('sha256').update(json).digest('hex');
    expect(await read('plan-a', 'plan.sha256')).toBe(`${sha256}  plan.json\n`);
    expect(result.stdout).toContain(`SHA-256 ${sha256}  plan.json`);
    const plan = JSON.parse(json) as Plan;
    expect(plan.round).toMatchObject({ id: 'demo', file: 'demo.yaml' });
    expect(plan.dates.generatedAt).toBe('2026-07-01');
    expect(plan.products.map((product) => [product.id, product.versionName])).toEqual([
      ['sentinel', '6.14.2'], ['quietguard', '3.1.0'], ['namecheck', '2.0.24'], ['thoroughshield', '9.1.0'], ['overcautious', '1.5.0'],
    ]);
    expect(plan.modes).toEqual(['on-demand', 'real-time', 'false-positive']);
    expect(plan.samples).toMatchObject({ total: 14, byKind: { stalkerware: 10, watchware: 2, clean: 2 }, hashes: null });
    expect(plan.samples.families).toContainEqual({ family: 'TheTruthSpy', kind: 'stalkerware', samples: 2 });
    expect(plan.cases.total).toBe(140);
    expect(plan.timeouts).toEqual({ caseMs: 600_000, stepMs: 15_000, alertWatchMs: 30_000, bootMs: null });
    expect(plan.retries).toEqual({ infra: 2 });
    expect(plan.devices).toMatchObject({ kind: 'emulators', profiles: [{ name: 'pixel-api33', apiLevel: 33, instances: 6 }] });
    // The demo round scales its apps' delays ×0.1 (scenarios/rounds/demo.yaml): the plan says so, as round.json and the report will.
    expect(plan.devices).toMatchObject({ appDelayScale: 0.1 });
    expect(Object.keys(plan.criteria)).toEqual(['detected', 'alerted', 'falsePositive', 'remediated', 'notCounted', 'identification', 'detection']);
    // Hashes withheld: no sample's SHA-256 appears anywhere.
    const markdown = await read('plan-a', 'plan.md');
    expect(json).not.toContain('47a3ecc05836ad6787b3d97a283dd5d6405ce0e8c5f0df29a63e025836e65011');
    expect(markdown).toContain('| Sentinel Mobile Security | Sentinel Labs | com.sentinelav.mobile | 6.14.2 (61402) |');
    expect(markdown).toContain(`SHA-256 of plan.json: \`${sha256}\``);
    expect(markdown).toContain('App delays scaled ×0.1 on virtual devices: the virtual products\' scans, updates and alerts take 0.1 of their real time, and the harness\'s watch budgets are scaled alike (round key appDelayScale).');
  });

  it('states no app delay scale for a round at real delays', async () => {
    const demo = await read('scenarios/rounds', 'demo.yaml');
    await writeFile(path.join(work, 'scenarios/rounds/real-delays.yaml'), demo.replace(/^id: demo$/m, 'id: real-delays').replace(/^appDelayScale: 0\.1$/m, 'appDelayScale: 1'));
    const result = await runCli(['plan', 'scenarios/rounds/real-delays.yaml', '--output', 'plan-real', '--date', '2026-07-01'], work);
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(await read('plan-real', 'plan.json')) as Plan;
    expect(plan.devices.kind).toBe('emulators');
    expect(plan.devices).not.toHaveProperty('appDelayScale');
    expect(await read('plan-real', 'plan.md')).not.toContain('App delays scaled');
  });

  it('gives the same bytes for the same round and date, wherever it is written', async () => {
    const result = await runCli(['plan', path.join(work, 'scenarios/rounds/demo.yaml'), '--output', 'plan-b', '--date', '2026-07-01'], path.join(work, 'scenarios'));
    expect(result.code).toBe(0);
    for (const name of ['plan.json', 'plan.md', 'plan.sha256']) expect(await read('scenarios/plan-b', name)).toBe(await read('plan-a', name));
    const again = await runCli(['plan', 'scenarios/rounds/demo.yaml', '--output', 'plan-a', '--date', '2026-07-01'], work);
    expect(again.stdout).toContain('unchanged in plan-a');
  });

  it('states the remediation criterion the round applies: not measured unless the round sets remediation: true', async () => {
    const plain = JSON.parse(await read('plan-a', 'plan.json')) as Plan;
    expect(plain.criteria.remediated).toMatch(/^Not measured in this round \(the round does not set remediation: true\)/);
    const demo = await read('scenarios/rounds', 'demo.yaml');
    await writeFile(path.join(work, 'scenarios/rounds/remediating.yaml'), `${demo.replace(/^id: demo$/m, 'id: remediating')}\nremediation: true\n`);
    const result = await runCli(['plan', 'scenarios/rounds/remediating.yaml', '--output', 'plan-r', '--date', '2026-07-01'], work);
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(await read('plan-r', 'plan.json')) as Plan;
    expect(plan.criteria.remediated).toMatch(/^Measured after a detection only, never as part of it/);
    expect(await read('plan-r', 'plan.md')).toContain('Measured after a detection only');
  });

  it('lists sample hashes only with --with-hashes', async () => {
    const result = await runCli(['plan', 'scenarios/rounds/demo.yaml', '--output', 'plan-h', '--date', '2026-07-01', '--with-hashes'], work);
    expect(result.code).toBe(0);
    const plan = JSON.parse(await read('plan-h', 'plan.json')) as Plan;
    expect(plan.samples.hashes).toContainEqual({ id: 'thetruthspy', family: 'TheTruthSpy', kind: 'stalkerware', package: 'com.systemservice', sha256: '47a3ecc05836ad6787b3d97a283dd5d6405ce0e8c5f0df29a63e025836e65011' });
  });

  it('keeps a published plan: a changed round is refused in the same folder unless --replace, and the hash shows the change', async () => {
    const before = await read('plan-a', 'plan.sha256');
    await editFile(path.join(work, 'scenarios/rounds/demo.yaml'), (text) => text.replace('alertWatchMs: 30000', 'alertWatchMs: 45000'));
    const snapshot = await snapshotTree(path.join(work, 'plan-a'));
    const refused = await runCli(['plan', 'scenarios/rounds/demo.yaml', '--output', 'plan-a', '--date', '2026-07-01'], work);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error CONFIG_INVALID: plan-a\/plan\.json already holds a plan/);
    expect(await snapshotTree(path.join(work, 'plan-a'))).toEqual(snapshot);
    const replaced = await runCli(['plan', 'scenarios/rounds/demo.yaml', '--output', 'plan-a', '--date', '2026-07-01', '--replace'], work);
    expect(replaced.code).toBe(0);
    expect(await read('plan-a', 'plan.sha256')).not.toBe(before);
    expect((JSON.parse(await read('plan-a', 'plan.json')) as Plan).timeouts.alertWatchMs).toBe(45_000);
  });

  it('refuses an invalid round and a bad date, writing nothing', async () => {
    const badDate = await runCli(['plan', 'scenarios/rounds/demo.yaml', '--output', 'plan-x', '--date', 'next tuesday'], work);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/^error USAGE/);
    await editFile(path.join(work, 'scenarios/rounds/demo.yaml'), (text) => text.replace('products: [sentinel,', 'products: [nosuch,'));
    const invalid = await runCli(['plan', 'scenarios/rounds/demo.yaml', '--output', 'plan-x'], work);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/REFERENCE_UNDEFINED/);
    await expect(readFile(path.join(work, 'plan-x', 'plan.json'))).rejects.toThrow();
  });
});
