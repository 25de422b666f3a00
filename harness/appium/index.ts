export { startAppium, isAppiumReady } from './appium-server.ts';
export type { AppiumServer, StartAppiumOptions } from './appium-server.ts';
export { buildCapabilities } from './capabilities.ts';
export type { AppiumCapabilities, SessionTarget } from './capabilities.ts';
export { swipeUp } from './gestures.ts';
export { observeWebDriverCalls, instrumentSession } from './observe-webdriver-calls.ts';
export type { WebDriverCallObserver } from './observe-webdriver-calls.ts';
export { POLL_WAIT_FOR_IDLE_TIMEOUT_MS, SETTLED_WAIT_FOR_IDLE_TIMEOUT_MS, withWaitForIdleTimeout } from './idle-settings.ts';
export { isStaleElementError, withStaleRetry } from './stale-retry.ts';
