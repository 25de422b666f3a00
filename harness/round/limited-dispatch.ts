import { HarnessError } from '../errors/index.ts';

/**
 * The index of the first waiting item whose key (a product id) is under its limit, or -1. Order is
 * kept otherwise, so a product at its limit lets the cases of other products go first and takes
 * the next free slot once one of its own cases ends.
 */
export function pickNext<T>(
  waiting: readonly T[], keyOf: (item: T) => string, running: ReadonlyMap<string, number>, limitOf: (key: string) => number | undefined,
): number {
  return waiting.findIndex((item) => {
    const key = keyOf(item);
    const limit = limitOf(key);
    return limit === undefined || (running.get(key) ?? 0) < limit;
  });
}

export interface LimitedDispatchOptions<T> {
  /** Items running at once in total (the round's concurrency, at most the pool's size). */
  concurrency: number;
  keyOf: (item: T) => string;
  /** Items of one key running at once; undefined: no limit. */
  limitOf: (key: string) => number | undefined;
  signal: AbortSignal;
}

/**
 * Runs `run(item)` for every item, at most `concurrency` at once and at most `limitOf(key)` of one
 * key at once (a licence's `maxDevices`: a case holds one device at a time, so cases running =
 * devices running the product). Resolves one promise per item, in the items' order, as p-queue's
 * `add` does; on abort the items not started reject with the signal's reason and none starts.
 */
export function dispatchWithLimits<T>(items: readonly T[], options: LimitedDispatchOptions<T>, run: (item: T) => Promise<void>): Array<Promise<void>> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new HarnessError('INTERNAL', `dispatch concurrency must be a positive integer, not ${options.concurrency}`);
  type Entry = { item: T; resolve: () => void; reject: (error: unknown) => void };
  const waiting: Entry[] = [];
  const running = new Map<string, number>();
  let total = 0;
  const promises = items.map((item) => new Promise<void>((resolve, reject) => void waiting.push({ item, resolve, reject })));
  const onAbort = (): void => {
    for (const entry of waiting.splice(0)) entry.reject(options.signal.reason);
  };
  const pump = (): void => {
    while (!options.signal.aborted && total < options.concurrency) {
      const index = pickNext(waiting.map((entry) => entry.item), options.keyOf, running, options.limitOf);
      if (index < 0) return;
      const [entry] = waiting.splice(index, 1);
      if (entry === undefined) return;
      const key = options.keyOf(entry.item);
      total += 1;
      running.set(key, (running.get(key) ?? 0) + 1);
      void Promise.resolve().then(() => run(entry.item)).then(entry.resolve, entry.reject).finally(() => {
        total -= 1;
        running.set(key, (running.get(key) ?? 1) - 1);
        if (waiting.length === 0) options.signal.removeEventListener('abort', onAbort);
        pump();
      });
    }
  };
  if (options.signal.aborted) onAbort();
  else {
    options.signal.addEventListener('abort', onAbort, { once: true });
    pump();
  }
  return promises;
}
