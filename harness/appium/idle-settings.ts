/**
 * How long the UiAutomator2 server waits for the screen to settle before each lookup.
 *
 * Every find, page source and element click first waits until no accessibility event came for
 * 500 ms, up to the `waitForIdleTimeout` setting (default 10 000 ms; appium-uiautomator2-server
 * `Device.waitForIdle`, `model/settings/WaitForIdleTimeout`). On a screen that keeps changing (a scan
 * counter ticking, a progress animation) each lookup then costs up to 10 s — a poll of a changing
 * screen would cost that on every turn. The harness opens sessions with a short timeout, so a poll
 * costs what it costs to look, and raises it only around a read that needs a settled screen.
 */
import type { Browser } from 'webdriverio';

/** The harness's session default: polls (waitFor, tapIfPresent, alert watch, permission dialogs) stay cheap. */
export const POLL_WAIT_FOR_IDLE_TIMEOUT_MS = 100;
/** The server's own default: a read that must see a settled screen. */
export const SETTLED_WAIT_FOR_IDLE_TIMEOUT_MS = 10_000;

/**
 * Runs `read` with the server waiting up to `timeoutMs` for idle, then puts the poll default back
 * (also when `read` fails). Example: `await withWaitForIdleTimeout(driver, SETTLED_WAIT_FOR_IDLE_TIMEOUT_MS, () => driver.getPageSource())`.
 */
export async function withWaitForIdleTimeout<T>(driver: Browser, timeoutMs: number, read: () => Promise<T>): Promise<T> {
  await driver.updateSettings({ waitForIdleTimeout: timeoutMs });
  try {
    return await read();
  } finally {
    await driver.updateSettings({ waitForIdleTimeout: POLL_WAIT_FOR_IDLE_TIMEOUT_MS }).catch(() => undefined);
  }
}
