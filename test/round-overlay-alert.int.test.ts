/**
 * Issue 14 (rules 8, 13): a product whose alert is a window drawn over other apps (TYPE_APPLICATION_OVERLAY,
 * never the focused window), and whose results get covered by a dialog. WatchTower
 * (test/fixtures/trust/products/overlay.yaml) against TheTruthSpy's stand-in, both protocols:
 * - real-time: the overlay "Threat found" is seen through readDialogs' multi-window lookup (a default
 *   UiAutomator2 lookup sees the active window only) → alerted, with a dialog among its alert kinds;
 * - on-demand: the scan's "Remove threats now?" dialog covers the results the profile does not dismiss;
 *   rows behind it are not the results → RESULTS_NOT_SHOWN (flow-error), never a read through the dialog.
 * Real stack: real adb, real Appium and UiAutomator2 driver, the virtual emulator, fast mode.
 * Port block 1600–1699 (STALKERBENCH_PORT_BASE).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createRoundHome, runOneSampleRound, type RoundHome } from './support/one-sample-round.ts';

describe('a product that alerts over other apps and covers its results with a dialog', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(1600); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('sees the overlay alert in real time and reads no results through the dialog on demand', async () => {
    const { text, output, outcomes } = await runOneSampleRound(roundHome, {
      id: 'overlay', title: 'An alert drawn over other apps', products: [join(REPO_ROOT, 'test/fixtures/trust/products/overlay.yaml')], modes: ['on-demand', 'real-time'],
    });

    const realTime = outcomes.get('overlay/real-time');
    expect(realTime, text).toBeDefined();
    expect({ status: realTime!.status, error: realTime!.error?.code }, text).toEqual({ status: 'completed', error: undefined });
    expect(realTime!.detectedBy).toEqual(['real-time']);
    expect(realTime!.alerted).toBe(true);
    expect(realTime!.alertKinds).toContain('dialog');

    const onDemand = outcomes.get('overlay/on-demand');
    expect(onDemand, text).toBeDefined();
    expect({ status: onDemand!.status, error: onDemand!.error?.code }, text).toEqual({ status: 'flow-error', error: 'RESULTS_NOT_SHOWN' });
    expect(onDemand!.detected).toBe(false);
    // The screen the reader gave up on shows the dialog in front; its page source holds no result row.
    const dumps = onDemand!.evidence.filter((item) => item.kind === 'ui-dump');
    const sources = await Promise.all(dumps.map(async (item) => readFile(join(output, item.path), 'utf8')));
    expect(sources.some((xml) => xml.includes('Remove threats now?'))).toBe(true);
    expect(sources.some((xml) => xml.includes('Remove threats now?') && xml.includes('com.watchtower.security:id/threat_row'))).toBe(false);
  }, 600_000);
});
