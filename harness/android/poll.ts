import { setTimeout as delay } from 'node:timers/promises';

export interface PollOptions {
  /** Total budget for the wait. */
  timeoutMs: number;
  /** Pause between probes. @default 100 */
  intervalMs?: number;
  /**
   * When set, the pause grows by half after every probe up to this, so that a long wait (a boot of
   * minutes) does not start thousands of adb processes. @default intervalMs (no growth)
   */
  maxIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Probes real state until it returns a value (not undefined) or the budget runs out. The probe
 * gets the remaining budget so it can pass it down to its own calls. Returns undefined on timeout;
 * the caller turns that into an error naming what it waited for.
 */
export async function pollUntil<T>(probe: (remainingMs: number) => Promise<T | undefined>, options: PollOptions): Promise<T | undefined> {
  const deadline = performance.now() + options.timeoutMs;
  let interval = options.intervalMs ?? 100;
  const maxInterval = Math.max(interval, options.maxIntervalMs ?? interval);
  for (;;) {
    options.signal?.throwIfAborted();
    const remaining = deadline - performance.now();
    if (remaining <= 0) return undefined;
    const value = await probe(remaining);
    if (value !== undefined) return value;
    if (deadline - performance.now() <= 0) return undefined;
    await delay(Math.min(interval, Math.max(0, deadline - performance.now())), undefined, options.signal ? { signal: options.signal } : {});
    interval = Math.min(maxInterval, Math.round(interval * 1.5));
  }
}
