import { setTimeout as delay } from 'node:timers/promises';
import type { AndroidEnv } from '../android/index.ts';
import { runAdb } from '../android/index.ts';

export interface ProductFault {
  code: 'PRODUCT_CRASHED' | 'PRODUCT_NOT_RESPONDING';
  /** The log line that shows it. */
  line: string;
}

/**
 * InputDispatcher's dispatching timeout (5 s) plus a margin for ActivityManager to log the ANR:
 * Android reports a blocked app only once input has waited this long for it.
 */
export const ANR_PROBE_WAIT_MS = 6_500;

/**
 * The key sent to a product that may be hung: any key dispatched to its focused window starts the ANR
 * countdown; KEYCODE_SHIFT_LEFT (59) changes nothing in an app that is only slow.
 */
const PROBE_KEYCODE = '59';

function escapeRegex(text: string): string {
  // Syntax characters only: with the `u` flag any other escaped character ("\-") is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * What Android logged about the product crashing or not responding, from `logcat -d -b crash -b
 * events -b system`: AndroidRuntime's "Process: <pkg>, PID: n" after a FATAL EXCEPTION (crash
 * buffer), `am_crash`/`am_anr` events (ActivityManager's EventLogTags: `[pid,uid,pkg,…]` and
 * `[user,pid,pkg,…]`), and ActivityManager's "ANR in <pkg>". The product is installed fresh in every
 * case, so any such line about its package is from this case. A crash wins over a hang.
 */
export function parseProductFault(log: string, productPackage: string): ProductFault | undefined {
  const pkg = escapeRegex(productPackage);
  const crash = new RegExp(`(?:Process: ${pkg}, PID: \\d+|am_crash\\s*:\\s*\\[[^\\]]*?\\b${pkg}\\b)`);
  const anr = new RegExp(`(?:am_anr\\s*:\\s*\\[\\d+,\\d+,${pkg}[,\\]]|ANR in ${pkg}(?![\\w.]))`);
  let hang: ProductFault | undefined;
  for (const line of log.split('\n')) {
    if (crash.test(line)) return { code: 'PRODUCT_CRASHED', line: line.trim() };
    if (!hang && anr.test(line)) hang = { code: 'PRODUCT_NOT_RESPONDING', line: line.trim() };
  }
  return hang;
}

/** Whether `dumpsys window`'s `mCurrentFocus=Window{… u0 <pkg>/<activity>}` names the package. */
export function isFocusedPackage(dumpsysWindow: string, productPackage: string): boolean {
  const focus = /mCurrentFocus=Window\{\S+ u\d+ ([^/\s}]+)\//.exec(dumpsysWindow);
  return focus?.[1] === productPackage;
}

export interface DiagnoseOptions {
  /**
   * The case failed in a way a hung product explains (UiAutomator2 lookups timing out, a UI that never
   * changed): when nothing is logged yet and the product has the focused window, give Android pending
   * input (one key event) and wait past the input-dispatching timeout, so that a blocked main thread
   * shows as "ANR in <pkg>" instead of passing for a broken Appium session.
   */
  probeForAnr?: boolean;
}

/** Reads the device's crash, event and system logs for a crash or ANR of the product (adb only: Appium may be blocked by a hung app). */
export async function diagnoseProduct(env: AndroidEnv, serial: string, productPackage: string, signal: AbortSignal, options: DiagnoseOptions = {}): Promise<{ fault: ProductFault | undefined; log: string }> {
  const read = async (): Promise<{ fault: ProductFault | undefined; log: string }> => {
    const result = await runAdb(env, serial, ['logcat', '-d', '-b', 'crash', '-b', 'events', '-b', 'system', '-v', 'threadtime'], { signal, reject: false, timeoutMs: 15_000 });
    return { fault: parseProductFault(result.stdout, productPackage), log: result.stdout };
  };
  const first = await read();
  if (first.fault || !options.probeForAnr) return first;
  const window = await runAdb(env, serial, ['shell', 'dumpsys', 'window'], { signal, reject: false, timeoutMs: 15_000 });
  if (!isFocusedPackage(window.stdout, productPackage)) return first;
  await runAdb(env, serial, ['shell', 'input', 'keyevent', PROBE_KEYCODE], { signal, reject: false, timeoutMs: 15_000 });
  await delay(ANR_PROBE_WAIT_MS, undefined, { signal });
  return read();
}
