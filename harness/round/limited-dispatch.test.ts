import { describe, expect, it } from 'vitest';
import { dispatchWithLimits, pickNext } from './limited-dispatch.ts';

type Item = { id: string; product: string };
const items = (spec: string): Item[] => spec.split(' ').map((id) => ({ id, product: id[0] ?? '?' }));

/** Runs items whose run() waits for the test to finish them, recording the order they started. */
function harness(list: Item[], concurrency: number, limits: Record<string, number>, signal = new AbortController().signal) {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const promises = dispatchWithLimits(list, { concurrency, keyOf: (i) => i.product, limitOf: (key) => limits[key], signal }, (item) => new Promise<void>((resolve) => {
    started.push(item.id);
    finishers.set(item.id, resolve);
  }));
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const finish = async (id: string) => {
    finishers.get(id)?.();
    await settle();
  };
  return { started, finish, settle, promises };
}

describe('pickNext', () => {
  it('skips items whose key is at its limit and keeps the order otherwise', () => {
    const list = items('a1 a2 b1 a3 b2');
    expect(pickNext(list, (i) => i.product, new Map([['a', 1]]), (key) => (key === 'a' ? 1 : undefined))).toBe(2);
    expect(pickNext(list, (i) => i.product, new Map([['a', 0]]), (key) => (key === 'a' ? 1 : undefined))).toBe(0);
    expect(pickNext(items('a1 a2'), (i) => i.product, new Map([['a', 2]]), () => 2)).toBe(-1);
  });
});

describe('dispatchWithLimits', () => {
  it('lets other products go first while a product is at its limit', async () => {
    const h = harness(items('a1 a2 a3 b1 b2 c1'), 2, { a: 1 });
    await h.settle();
    expect(h.started).toEqual(['a1', 'b1']);
    await h.finish('b1');
    expect(h.started).toEqual(['a1', 'b1', 'b2']);
    await h.finish('b2');
    expect(h.started).toEqual(['a1', 'b1', 'b2', 'c1']);
    await h.finish('a1');
    expect(h.started.at(-1)).toBe('a2');
    await h.finish('a2');
    await h.finish('c1');
    await h.finish('a3');
    await Promise.all(h.promises);
    expect(h.started).toEqual(['a1', 'b1', 'b2', 'c1', 'a2', 'a3']);
  });

  it('never runs more of a product than its limit, nor more than the concurrency', async () => {
    const list = items('a1 a2 a3 a4 b1 b2 b3 b4');
    const running = new Map<string, number>();
    let peakA = 0;
    let peakTotal = 0;
    const done = dispatchWithLimits(list, { concurrency: 3, keyOf: (i) => i.product, limitOf: (k) => (k === 'a' ? 2 : undefined), signal: new AbortController().signal }, async (item) => {
      running.set(item.product, (running.get(item.product) ?? 0) + 1);
      peakA = Math.max(peakA, running.get('a') ?? 0);
      peakTotal = Math.max(peakTotal, [...running.values()].reduce((s, n) => s + n, 0));
      await new Promise((resolve) => setTimeout(resolve, item.id.endsWith('1') ? 5 : 1));
      running.set(item.product, (running.get(item.product) ?? 1) - 1);
    });
    await Promise.all(done);
    expect(peakA).toBe(2);
    expect(peakTotal).toBe(3);
  });

  it('without limits starts items in order, as wide as the concurrency', async () => {
    const h = harness(items('a1 a2 a3'), 2, {});
    await h.settle();
    expect(h.started).toEqual(['a1', 'a2']);
    await h.finish('a2');
    expect(h.started).toEqual(['a1', 'a2', 'a3']);
  });

  it('rejects the items not started when aborted, and passes a failure to its own item only', async () => {
    const controller = new AbortController();
    const h = harness(items('a1 a2 b1'), 1, { a: 1 }, controller.signal);
    await h.settle();
    controller.abort(new Error('stop'));
    await expect(h.promises[1]).rejects.toThrow('stop');
    await expect(h.promises[2]).rejects.toThrow('stop');
    await h.finish('a1');
    await expect(h.promises[0]).resolves.toBeUndefined();
    expect(h.started).toEqual(['a1']);

    const failing = dispatchWithLimits(items('a1 b1'), { concurrency: 1, keyOf: (i) => i.product, limitOf: () => undefined, signal: new AbortController().signal }, async (item) => {
      if (item.id === 'a1') throw new Error('a1 broke');
    });
    await expect(failing[0]).rejects.toThrow('a1 broke');
    await expect(failing[1]).resolves.toBeUndefined();
  });
});
