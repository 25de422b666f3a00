/**
 * Issue 12's "done when": the trust round (test/fixtures/trust/) — six products and two samples
 * written to break verdict rules, profiles written from their documented UIs — through the whole
 * real stack (real adb, real Appium + UiAutomator2 driver, virtual emulators), every case against
 * test/fixtures/trust/expected.yaml, which was fixed before the harness ran it. Port block
 * 4000–4399 (STALKERBENCH_PORT_BASE), used by no other test file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, groupAttempts, readResults, readRoundFile, type AttemptResult } from '../harness/results/index.ts';
import { REPO_ROOT, writeVirtualSdk } from '../simulator/sdk/index.ts';
import { createTestHome, type TestHome } from './support/test-home.ts';

const TRUST = join(REPO_ROOT, 'test/fixtures/trust');

interface Expected {
  status: string;
  code?: string;
  detected: boolean;
  detectedBy: string[];
  alerted: boolean;
  identifiedBy: string | null;
  ambiguous: boolean;
  harnessNoise: string[];
  reason: string;
}

/** What the harness said, in expected.yaml's terms. An ambiguous verdict is not a detection: a person decides. */
function observed(result: AttemptResult): Record<string, unknown> {
  const common = { status: result.status, ...(result.status === 'completed' ? {} : { code: result.error?.code }) };
  if (result.status !== 'completed') return common;
  const noise = [...new Set((result.harnessNoise ?? []).map((n) => n.packageName))].sort();
  const ambiguous = result.basis?.rule === 'ambiguous';
  return {
    ...common, ambiguous, identifiedBy: result.basis?.identifiedBy ?? null, harnessNoise: noise,
    ...(ambiguous ? { detected: result.detected } : { detected: result.detected, detectedBy: result.detectedBy, alerted: result.alerted }),
  };
}

function wanted(expected: Expected): Record<string, unknown> {
  const common = { status: expected.status, ...(expected.status === 'completed' ? {} : { code: expected.code }) };
  if (expected.status !== 'completed') return common;
  return {
    ...common, ambiguous: expected.ambiguous, identifiedBy: expected.identifiedBy, harnessNoise: [...expected.harnessNoise].sort(),
    ...(expected.ambiguous ? { detected: false } : { detected: expected.detected, detectedBy: expected.detectedBy, alerted: expected.alerted }),
  };
}

describe('the trust round: products and samples written to break verdict rules', () => {
  let home: TestHome;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await createTestHome();
    const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome,
      STALKERBENCH_PORT_BASE: '4000', CI: '1',
    };
  });
  afterAll(async () => { await home?.remove(); });

  it('gives every case the outcome expected.yaml fixed in advance, with the rule and evidence that decided it', async () => {
    const expected = (parse(await readFile(join(TRUST, 'expected.yaml'), 'utf8')) as { products: Record<string, Record<string, Record<string, Expected>>> }).products;
    const output = join(home.home, 'out');
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: REPO_ROOT, env };
    const code = await runCommand([join(TRUST, 'rounds/trust.yaml'), '--output', output], io);
    expect([0, 1], text).toContain(code);

    const round = await readRoundFile(output);
    const { results } = await readResults(output);
    const finals = finalOutcomes(results);
    const attempts = groupAttempts(results);
    const mismatches: string[] = [];
    for (const planned of round.plan.cases) {
      const want = expected[planned.productId]?.[planned.sampleId]?.[planned.mode];
      if (!want) throw new Error(`expected.yaml has no outcome for ${planned.caseId}`);
      const result = finals.get(planned.caseId);
      if (!result) { mismatches.push(`${planned.caseId}: no final result`); continue; }
      const got = observed(result);
      if (JSON.stringify(got) !== JSON.stringify(wanted(want))) {
        mismatches.push(`${planned.caseId}: got ${JSON.stringify(got)}\n  want ${JSON.stringify(wanted(want))} (${want.reason})\n  error: ${result.error?.message ?? '-'}`);
      }
      // Every completed case names the rule that decided it and an evidence file that exists.
      if (result.status === 'completed') {
        expect(result.basis, planned.caseId).toBeDefined();
        if (result.basis?.evidence) await expect(readFile(join(output, result.basis.evidence)), planned.caseId).resolves.toBeInstanceOf(Buffer);
      }
      // A product error is retried like an infrastructure error before it is final.
      if (result.status === 'product-error') expect(attempts.get(planned.caseId)?.length, planned.caseId).toBe(2);
    }
    expect(mismatches, text).toEqual([]);
  }, 1_500_000);
});
