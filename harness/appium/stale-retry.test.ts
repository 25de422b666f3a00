import { describe, expect, it } from 'vitest';
import { isStaleElementError, withStaleRetry } from './stale-retry.ts';

/** What WebdriverIO throws for a W3C error answer. */
function webDriverError(error: string): Error & { error: string } {
  return Object.assign(new Error(`${error}: from the server`), { error });
}

describe('withStaleRetry', () => {
  it('finds the element again after a stale answer and acts on the new one', async () => {
    const found = ['first', 'second'];
    const acted: string[] = [];
    const result = await withStaleRetry(async () => found.shift()!, async (id) => {
      acted.push(id);
      if (id === 'first') throw webDriverError('stale element reference');
      return `text of ${id}`;
    });
    expect(result).toBe('text of second');
    expect(acted).toEqual(['first', 'second']);
  });

  it('gives up with the stale error after the bounded attempts, and passes other errors through at once', async () => {
    let finds = 0;
    await expect(withStaleRetry(async () => `e${++finds}`, async () => { throw webDriverError('stale element reference'); }, 3))
      .rejects.toSatisfy(isStaleElementError);
    expect(finds).toBe(3);
    let tries = 0;
    await expect(withStaleRetry(async () => 'e', async () => { tries++; throw webDriverError('no such element'); })).rejects.toMatchObject({ error: 'no such element' });
    expect(tries).toBe(1);
  });
});
