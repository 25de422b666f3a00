import { setTimeout as delay } from 'node:timers/promises';

export interface PollOptions {
  /** Total budget for the wait. */
  timeoutMs: number;
  /** Pause between probes. @default 100 */
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Probes real state until it returns a value (not undefined) or the budget runs out. The probe
 * gets the remaining budget so it can pass it down to its own calls. Returns undefined on timeout;
 * the caller turns that into an error naming what it waited for.
 */
export async function pollUntil<T>(probe: (remainingMs: number) => Promise<T | undefined>, options: PollOptions): Promise<T | undefined> {
  const deadline = performance.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  for (;;) {
    options.signal?.throwIfAborted();
    const remaining = deadline - performance.now();
    if (remaining <= 0) return undefined;
    const value = await probe(remaining);
    if (value !== undefined) return value;
    if (deadline - performance.now() <= 0) return undefined;
    await delay(Math.min(interval, Math.max(0, deadline - performance.now())), undefined, options.signal ? { signal: options.signal } : {});
  }
}
