/**
 * Acting on an element that went stale between finding and using it.
 *
 * The UiAutomator2 server answers `stale element reference` (404) when the view behind an element id
 * is gone — the screen re-rendered, a list row was recycled — and cannot restore elements that came
 * from FindElements at all (appium-uiautomator2-server `ElementsCache.restore`, `!isSingleMatch`). The
 * cure is to find the element again by its selector and retry, a bounded number of times; a stale
 * read is never taken for an empty one.
 */
import { errorName } from './flow-errors.ts';

export const STALE_RETRY_ATTEMPTS = 3;

/** True when a WebDriver error says the element's view is gone. */
export function isStaleElementError(error: unknown): boolean {
  return errorName(error).toLowerCase() === 'stale element reference';
}

/**
 * Runs `act` on the element `find` returns; when it fails with `stale element reference`, finds the
 * element again and retries, `attempts` times in all. `find` throws (or its error propagates) when the
 * element is not there any more; the last stale error is rethrown when every attempt went stale.
 *
 * @example
 * const text = await withStaleRetry(() => requireElement(selector), (id) => driver.getElementText(id));
 */
export async function withStaleRetry<T>(find: () => Promise<string>, act: (elementId: string) => Promise<T>, attempts = STALE_RETRY_ATTEMPTS): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const elementId = await find();
    try {
      return await act(elementId);
    } catch (error) {
      if (!isStaleElementError(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
