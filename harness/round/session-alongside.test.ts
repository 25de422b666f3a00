import type { Browser } from 'webdriverio';
import { describe, expect, it } from 'vitest';
import { installAlongside, SessionAlongside } from './session-alongside.ts';

/** A promise settled from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function fakeDriver(): { driver: Browser; deleted: () => number } {
  let deleted = 0;
  const driver = { deleteSession: async () => { deleted += 1; } } as unknown as Browser;
  return { driver, deleted: () => deleted };
}

describe('installAlongside', () => {
  it('an install that ends before the session opens needs no session', async () => {
    const opening = deferred<Browser>();
    const session = new SessionAlongside(() => opening.promise);
    let asked = 0;
    const result = await installAlongside(session, async () => { asked += 1; throw new Error('not needed'); }, 'installing x', new AbortController().signal, async () => 42);
    expect(result).toBe(42);
    expect(asked).toBe(0);
    expect(session.pending).toBe(true);
    const { driver, deleted } = fakeDriver();
    opening.resolve(driver);
    await session.close();
    expect(deleted()).toBe(1);
  });

  it('a session that fails to open stops the install still running and its error is thrown', async () => {
    const opening = deferred<Browser>();
    const session = new SessionAlongside(() => opening.promise);
    let installSignal: AbortSignal | undefined;
    const install = installAlongside(session, async () => { await session.ready(); throw new Error('unreachable'); }, 'installing x', new AbortController().signal, (signal) => {
      installSignal = signal;
      return new Promise<number>((_, reject) => signal.addEventListener('abort', () => reject(new Error('install stopped')), { once: true }));
    });
    opening.reject(new Error('APPIUM_SESSION_FAILED: no server'));
    await expect(install).rejects.toThrow(/no server/);
    expect(installSignal?.aborted).toBe(true);
  });

  it('an install error before the session opens is the install\'s, and the session is still closed after', async () => {
    const opening = deferred<Browser>();
    const session = new SessionAlongside(() => opening.promise);
    await expect(installAlongside(session, async () => { throw new Error('not needed'); }, 'installing x', new AbortController().signal, async () => {
      throw new Error('INSTALL_FAILED: Failure [INSTALL_FAILED_OLDER_SDK]');
    })).rejects.toThrow(/OLDER_SDK/);
    const { driver, deleted } = fakeDriver();
    opening.resolve(driver);
    expect(await session.settle()).toBe(driver);
    await session.close();
    expect(deleted()).toBe(0);
  });
});

describe('SessionAlongside', () => {
  it('hands the session over once; a session taken is not closed by close()', async () => {
    const { driver, deleted } = fakeDriver();
    const session = new SessionAlongside(async () => driver);
    expect(await session.ready()).toBe(driver);
    expect(session.pending).toBe(false);
    await expect(session.ready()).rejects.toThrow(/already taken/);
    await session.close();
    expect(deleted()).toBe(0);
  });
});
