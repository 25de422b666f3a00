import type { AndroidEnv } from '../android/index.ts';
import { runAdb } from '../android/index.ts';

export interface ProductFault {
  code: 'PRODUCT_CRASHED' | 'PRODUCT_NOT_RESPONDING';
  /** The log line that shows it. */
  line: string;
}

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

/** Reads the device's crash, event and system logs for a crash or ANR of the product (adb only: Appium may be blocked by a hung app). */
export async function diagnoseProduct(env: AndroidEnv, serial: string, productPackage: string, signal: AbortSignal): Promise<{ fault: ProductFault | undefined; log: string }> {
  const result = await runAdb(env, serial, ['logcat', '-d', '-b', 'crash', '-b', 'events', '-b', 'system', '-v', 'threadtime'], { signal, reject: false, timeoutMs: 15_000 });
  return { fault: parseProductFault(result.stdout, productPackage), log: result.stdout };
}
