/**
 * Delays of virtual apps (timed screens, scans, updates, real-time alerts). Benchmarks and tests set
 * `settings put global stalkerbench_fast_apps 1` to make every one of them zero; the apps read the
 * setting each time they wait, so it can be flipped at any moment.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AndroidModel } from '../device/android-model.ts';

export const FAST_APPS_SETTING = 'stalkerbench_fast_apps';

export function isFastApps(device: AndroidModel): boolean {
  return device.getSetting('global', FAST_APPS_SETTING) === '1';
}

/** The delay an app really waits: `ms`, or 0 in fast mode. */
export function scaleDelay(device: AndroidModel, ms: number): number {
  return isFastApps(device) ? 0 : ms;
}

/** Waits `ms` (0 in fast mode); rejects when the signal aborts (app stopped, state reloaded). */
export async function waitFor(device: AndroidModel, ms: number, signal: AbortSignal): Promise<void> {
  await sleep(scaleDelay(device, ms), undefined, { signal, ref: false });
}
