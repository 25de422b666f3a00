/**
 * Delays of virtual apps (timed screens, scans, updates, real-time alerts). Benchmarks and tests set
 * `settings put global stalkerbench_fast_apps 1` to make them zero; the demo sets
 * `settings put global stalkerbench_app_delay_scale 0.1` (the round key `appDelayScale`) to make
 * them a tenth as long, so that its report still shows realistic-looking, non-zero times. The apps
 * read both settings each time they wait, so they can be changed at any moment; fast mode wins.
 * Only the virtual apps read them: a real phone's apps ignore both.
 *
 * Fast mode changes timings, never verdicts. A delay that races against something outside the app
 * keeps its real length: a real-time check that reads the installed sample's state (hidden icon,
 * enabled accessibility service) runs `realTime.delayMs` after the install on a real phone, by which
 * time the abuser's setup has usually happened; at zero delay it would run at the install, before
 * any setup, and miss what the real product finds. Checks on facts fixed by the APK (package,
 * signature, file hash, permissions, components) give the same answer at any time and stay zero.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AndroidModel } from '../device/android-model.ts';

export const FAST_APPS_SETTING = 'stalkerbench_fast_apps';
/** A factor in (0, 1] for every delay that fast mode would zero; anything else means 1. */
export const APP_DELAY_SCALE_SETTING = 'stalkerbench_app_delay_scale';

/** Rule conditions fixed by the APK itself (behaviour-schema.ts `ruleMatchSchema`); any other reads the app's state. */
const APK_FACTS: ReadonlySet<string> = new Set(['packages', 'certificateSha1', 'fileSha256', 'permissions', 'components']);

export function isFastApps(device: AndroidModel): boolean {
  return device.getSetting('global', FAST_APPS_SETTING) === '1';
}

/**
 * The factor every app delay is multiplied by: 0 in fast mode, else the delay-scale setting when it
 * is a number in (0, 1], else 1 (unset, or a value the apps cannot use, as Settings.Global.getFloat
 * callers fall back to their default).
 */
export function delayScale(device: AndroidModel): number {
  if (isFastApps(device)) return 0;
  const text = device.getSetting('global', APP_DELAY_SCALE_SETTING);
  const scale = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1;
}

/** The delay an app really waits: `ms` times the delay scale (0 in fast mode). */
export function scaleDelay(device: AndroidModel, ms: number): number {
  return Math.round(ms * delayScale(device));
}

/** Waits `ms` scaled (0 in fast mode); rejects when the signal aborts (app stopped, state reloaded). */
export async function waitFor(device: AndroidModel, ms: number, signal: AbortSignal): Promise<void> {
  await sleep(scaleDelay(device, ms), undefined, { signal, ref: false });
}

/**
 * Waits the full `ms` also in fast mode and when delays are scaled: for a delay that races against
 * something outside the app (the harness's setup of the sample), whose order must not change.
 */
export async function waitForRace(_device: AndroidModel, ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal, ref: false });
}

/**
 * Whether detection rules read the installed app's state, which the abuser's setup changes after
 * the install (a check on them races against that setup). Unknown conditions count as state.
 */
export function readsAppState(rules: ReadonlyArray<{ match: object }>): boolean {
  return rules.some((rule) => Object.entries(rule.match).some(([condition, value]) => value !== undefined && !APK_FACTS.has(condition)));
}
