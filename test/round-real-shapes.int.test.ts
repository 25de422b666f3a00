/**
 * The real-shapes round (scenarios/rounds/real-shapes.yaml) through the real stack — virtual emulators,
 * adb, Appium 3 + UiAutomator2 — with the products' own delays at zero, on one stalkerware sample and
 * the clean app (the round also has thetruthspy and a watchware app; the same ground truth covers
 * them): every case completes and its outcome equals scenarios/ground-truth.yaml. The five products are shaped like real security apps
 * (sign-in prompt on some starts + tour + upsell + tabs, results in a dialog, detection by notification
 * only, a generic threat name with the app's label, four special accesses through Settings), and their
 * profiles use the flow language's waitForFirst, repeat and if and the results shapes dialog and
 * notification.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults } from '../harness/results/index.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { runRoundAgainstGroundTruth } from './support/ground-truth.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

interface RealShapesRound {
  products: string[];
  samples: Array<{ select: string[] }>;
  modes: Array<'on-demand' | 'real-time' | 'false-positive'>;
}

/** One stalkerware sample and the clean app of the round: every product's detection path and its clean path, in 20 cases. */
const SAMPLES = ['mspy', 'pocket-notes'];

describe('the real-shapes round', () => {
  let workspace: RoundWorkspace;
  let round: RealShapesRound;
  beforeAll(async () => {
    round = parse(await readFile(join(REPO_ROOT, 'scenarios/rounds/real-shapes.yaml'), 'utf8')) as RealShapesRound;
    expect(round.samples[0]!.select).toEqual(expect.arrayContaining(SAMPLES));
    workspace = await createRoundWorkspace({
      id: 'real-shapes', portBase: 12_400, instances: 2,
      products: round.products, samples: SAMPLES, modes: round.modes,
      expectedDelays: { firstStartMs: 2_000, realTimeAlertMs: 2_000 },
    });
  });
  afterAll(async () => {
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  it('completes every case and every verdict equals scenarios/ground-truth.yaml', async () => {
    const { code, text, cases, observed, expected } = await runRoundAgainstGroundTruth(workspace);
    expect(code, text).toBe(0);
    expect(cases).toHaveLength(round.products.length * SAMPLES.length * 2);
    expect(observed).toEqual(expected);
  }, 900_000);

  it('remediation (opt-in): Keystone warns before removal, then Settings\' device-admin screen and Android\'s uninstall dialog remove TheTruthSpy\'s stand-in', async () => {
    // The detection workspace's round is over (its processes end with it): the port block is free again.
    await killRoundProcesses(workspace);
    const remediation = await createRoundWorkspace({
      id: 'real-shapes-remediation', portBase: 12_400, instances: 1,
      products: ['keystone'], samples: ['thetruthspy'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 2_000, realTimeAlertMs: 2_000 }, round: { remediation: true },
    });
    try {
      let text = '';
      const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: remediation.dir, env: remediation.env };
      expect(await runCommand([remediation.roundFile], io, { reporters: [] }), text).toBe(0);
      const [result] = [...finalOutcomes((await readResults(remediation.outputDir)).results).values()];
      expect({ status: result?.status, detected: result?.detected }, text).toEqual({ status: 'completed', detected: true });
      expect(result?.remediation, text).toEqual({
        flow: 'completed', warned: true, deviceAdminScreen: true, uninstallDialog: true,
        packageInstalled: false, processRunning: false, deviceAdmin: false, accessibilityEnabled: false, remediated: true,
      });
    } finally {
      await killRoundProcesses(remediation);
      await remediation.remove();
    }
  }, 600_000);
});
