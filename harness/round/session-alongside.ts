/**
 * A case's Appium session, opened alongside the case's first adb work instead of before it.
 *
 * Opening a UiAutomator2 session costs about a second on any phone, and the harness cannot shorten
 * it: appium-uiautomator2-driver's `startSession` (lib/uiautomator2-server/core.js) always stops and
 * restarts the instrumentation (`am instrument -w`) and polls the server's `/status` every 1000 ms
 * (asyncbox `waitForCondition`). What the case does first needs adb only — the first `adb install`
 * (PackageManagerService on the device; the host's `adb` streams the APK) and an on-demand sample's
 * device set-up steps (`am start -W`, `pm grant`, `settings put`: shell commands) — so it runs while
 * the instrumentation starts, and the first step that needs the screen waits for the session.
 *
 * Nothing is skipped: an install that a system dialog holds (Google Play Protect: PackageManager
 * waits for the required verifier, PackageManagerService `verifyPendingInstall`) cannot finish before
 * the dialog is answered, so an install still running when the session is ready is watched for such
 * dialogs exactly as before (whileHandlingSystemDialogs); one that finished first was not held.
 */
import type { Browser } from 'webdriverio';
import { whileHandlingSystemDialogs } from '../flow/system-dialogs/while-handling-system-dialogs.ts';
import type { DialogContext } from '../flow/system-dialogs/dismiss-system-dialog.ts';
import { closeSession } from './open-session.ts';

export class SessionAlongside {
  readonly #promise: Promise<Browser>;
  #handedOver = false;

  /** Starts opening; a failure is kept for whoever waits for the session first. */
  constructor(open: () => Promise<Browser>) {
    this.#promise = open();
    this.#promise.catch(() => undefined);
  }

  /** True until `ready()` or `settle()` has taken the session. */
  get pending(): boolean {
    return !this.#handedOver;
  }

  /** Resolves once the session has opened or failed to (never rejects; does not take it). */
  async settled(): Promise<void> {
    await this.#promise.catch(() => undefined);
  }

  /** Waits for the session and takes it; throws the opening's error (APPIUM_SESSION_FAILED). */
  async ready(): Promise<Browser> {
    if (this.#handedOver) throw new Error('SessionAlongside.ready: the session was already taken');
    this.#handedOver = true;
    return await this.#promise;
  }

  /** After a failure: waits for the opening to end and takes the session if it opened and was not taken. */
  async settle(): Promise<Browser | undefined> {
    if (this.#handedOver) return undefined;
    this.#handedOver = true;
    return await this.#promise.catch(() => undefined);
  }

  /** Closes a session that opened but was never taken: no session outlives its case. */
  async close(): Promise<void> {
    await closeSession(await this.settle());
  }
}

/**
 * Runs an install while the session may still be opening: started at once; if it is still running
 * once the session is ready, the profile's system-dialog handlers watch it from then on. `context`
 * is asked for only then (it needs the session). If the session fails to open, the install is
 * stopped and the session's error is thrown.
 */
export async function installAlongside<T>(
  session: SessionAlongside | undefined,
  context: () => Promise<DialogContext>,
  what: string,
  signal: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (session === undefined || !session.pending) return await whileHandlingSystemDialogs(await context(), what, work);
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  try {
    const task = work(controller.signal);
    task.catch(() => undefined);
    const ended = await Promise.race([task.then(() => true, () => true), sessionSettled(session)]);
    if (ended) return await task;
    let dialogs: DialogContext;
    try {
      dialogs = await context();
    } catch (error) {
      controller.abort(new Error('the Appium session did not open'));
      await task.catch(() => undefined);
      throw error;
    }
    return await whileHandlingSystemDialogs(dialogs, what, (watchSignal) => {
      watchSignal.addEventListener('abort', () => controller.abort(watchSignal.reason), { once: true });
      return task;
    });
  } finally {
    signal.removeEventListener('abort', forward);
  }
}

async function sessionSettled(session: SessionAlongside): Promise<false> {
  await session.settled();
  return false;
}
