import type { Browser } from 'webdriverio';

/** One WebDriver command of a session, timed from request to answer (benchmarks, diagnostics). */
export type WebDriverCallObserver = (call: { udid: string; command: string; durationMs: number; failed: boolean }) => void;

const observers = new Set<WebDriverCallObserver>();

/** Listens to every WebDriver command of every session opened through `instrumentSession`. */
export function observeWebDriverCalls(observer: WebDriverCallObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/**
 * Times each command of a session with WebdriverIO's own `command`/`result` events (a session sends
 * one command at a time, so each result answers the oldest open command), and reports the time the
 * session took to open as `newSession`.
 */
export function instrumentSession(driver: Browser, udid: string, newSessionMs: number): void {
  // The session's creation happened before the listeners could be attached: report it here.
  for (const observer of observers) observer({ udid, command: 'newSession', durationMs: newSessionMs, failed: false });
  const open: Array<{ command: string; started: number }> = [];
  driver.on('command', (event: { command?: string }) => {
    open.push({ command: event.command ?? 'unknown', started: performance.now() });
  });
  driver.on('result', (event: { result?: unknown }) => {
    const call = open.shift();
    if (!call || observers.size === 0) return;
    const failed = typeof event.result === 'object' && event.result !== null && 'error' in event.result;
    for (const observer of observers) observer({ udid, command: call.command, durationMs: performance.now() - call.started, failed });
  });
}
