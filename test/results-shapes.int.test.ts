/**
 * Issue 15 §2, result shapes: one product, ShapeGuard (test/fixtures/shapes/products/), read through
 * each shape a profile can name, against TheTruthSpy's stand-in and a clean app, on-demand, fast mode:
 * - dialog: the threat line inside its results dialog identifies the sample by package; the clean
 *   scan's dialog says "No threats found on this phone" → results-no-threats;
 * - cards: the cards behind the dialog, each read with its threat name and app label;
 * - details: each card opened, its details screen read (threat name, package, category), and the
 *   details screen is in the evidence;
 * - notification: no results screen read; the scan's end seen, then its "Threat found" notification
 *   names the package; for the clean app, the end seen and no threat notification → not detected;
 * - "no evidence, no verdict": a results dialog never shown, or a scan end never observed, is a
 *   flow-error RESULTS_NOT_SHOWN, never "not detected".
 * No remediation in these rounds: no case has a `remediation` field ("not tested").
 * Real stack: real adb, real Appium and UiAutomator2 driver, the virtual emulator.
 * Port block 11600–11799 (STALKERBENCH_PORT_BASE).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptResult } from '../harness/results/index.ts';
import { createRoundHome, type RoundHome } from './support/one-sample-round.ts';
import { runShapesRound } from './support/shapes-round.ts';

describe('results shapes: dialog, cards, details, notification', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(11600); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('reads each shape, and a screen it does not find is RESULTS_NOT_SHOWN', async () => {
    const { text, output, outcomes } = await runShapesRound(roundHome, {
      id: 'shapes', sample: 'stalkerware',
      products: ['dialog', 'cards', 'details', 'notification', 'dialog-missing', 'notification-unseen'],
    });
    const scanEntries = async (result: AttemptResult): Promise<unknown> => {
      const file = result.evidence.find((item) => item.step === 'scan-entries');
      expect(file, text).toBeDefined();
      return JSON.parse(await readFile(join(output, file!.path), 'utf8'));
    };
    const outcome = (key: string) => {
      const found = outcomes.get(key);
      expect(found, `${key}\n${text}`).toBeDefined();
      return found!;
    };

    const dialog = outcome('sg-dialog/thetruthspy');
    expect({ status: dialog.status, error: dialog.error?.code, detectedBy: dialog.detectedBy }, text).toEqual({ status: 'completed', error: undefined, detectedBy: ['scan'] });
    expect({ rule: dialog.basis?.identifiedBy, text: dialog.basis?.text }).toEqual({ rule: 'package', text: '• System Service (com.systemservice): Stalkerware.Monitor' });

    const cards = outcome('sg-cards/thetruthspy');
    expect({ status: cards.status, detectedBy: cards.detectedBy, threatName: cards.threatName }, text).toEqual({ status: 'completed', detectedBy: ['scan'], threatName: 'Stalkerware.Monitor' });
    // What the cards said (the verdict's basis may be the notification that also names the package).
    expect(await scanEntries(cards)).toEqual([expect.objectContaining({ threatName: 'Stalkerware.Monitor', appLabel: 'System Service' })]);

    const details = outcome('sg-details/thetruthspy');
    expect({ status: details.status, detectedBy: details.detectedBy, threatName: details.threatName, category: details.category }, text)
      .toEqual({ status: 'completed', detectedBy: ['scan'], threatName: 'Stalkerware.Monitor', category: 'Stalkerware' });
    expect(await scanEntries(details)).toEqual([expect.objectContaining({ threatName: 'Stalkerware.Monitor', packageName: 'com.systemservice', category: 'Stalkerware' })]);
    expect(details.evidence.map((item) => item.step)).toContain('scan-results-details-1');

    const notified = outcome('sg-notify/thetruthspy');
    expect({ status: notified.status, detectedBy: notified.detectedBy }, text).toEqual({ status: 'completed', detectedBy: ['scan'] });
    expect({ rule: notified.basis?.identifiedBy, text: notified.basis?.text }).toEqual({ rule: 'package', text: 'Threat found\nSystem Service (com.systemservice) is Stalkerware' });
    expect(notified.evidence.map((item) => item.step)).toContain('scan-results-notifications');

    const missing = outcome('sg-dialog-missing/thetruthspy');
    expect({ status: missing.status, error: missing.error?.code, detected: missing.detected }, text).toEqual({ status: 'flow-error', error: 'RESULTS_NOT_SHOWN', detected: false });
    expect(missing.error?.message).toContain('results dialog');

    const unseen = outcome('sg-notify-unseen/thetruthspy');
    expect({ status: unseen.status, error: unseen.error?.code, detected: unseen.detected }, text).toEqual({ status: 'flow-error', error: 'RESULTS_NOT_SHOWN', detected: false });
    expect(unseen.error?.message).toContain('was not observed');

    for (const result of outcomes.values()) expect(result.remediation).toBeUndefined();
  }, 1_200_000);

  it('says "no threats" from a clean scan only where the shape saw the product say so', async () => {
    const { text, outcomes } = await runShapesRound(roundHome, { id: 'shapes-clean', sample: 'clean', products: ['dialog', 'notification'] });
    const dialog = outcomes.get('sg-dialog/pocket-notes');
    expect(dialog, text).toBeDefined();
    expect({ status: dialog!.status, detected: dialog!.detected, rule: dialog!.basis?.rule }, text).toEqual({ status: 'completed', detected: false, rule: 'results-no-threats' });
    const notified = outcomes.get('sg-notify/pocket-notes');
    expect(notified, text).toBeDefined();
    // The end was observed and no threat notification came within the budget: no entries at all.
    expect({ status: notified!.status, detected: notified!.detected, alerted: notified!.alerted, rule: notified!.basis?.rule }, text)
      .toEqual({ status: 'completed', detected: false, alerted: false, rule: 'results-no-threats' });
  }, 900_000);
});
