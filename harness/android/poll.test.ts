import { describe, expect, it } from 'vitest';
import { pollUntil } from './poll.ts';

describe('pollUntil', () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    const value = await pollUntil(async () => (++calls >= 3 ? 'ready' : undefined), { timeoutMs: 5_000, intervalMs: 1 });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('returns undefined when the budget runs out and passes the remaining budget down', async () => {
    const budgets: number[] = [];
    const value = await pollUntil(async (remaining) => {
      budgets.push(remaining);
      return undefined;
    }, { timeoutMs: 30, intervalMs: 5 });
    expect(value).toBeUndefined();
    expect(budgets.length).toBeGreaterThan(0);
    expect(budgets.every((b) => b <= 30)).toBe(true);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(pollUntil(async () => undefined, { timeoutMs: 1_000, signal: controller.signal })).rejects.toThrow('stop');
  });
});
