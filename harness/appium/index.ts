export { startAppium, isAppiumReady } from './appium-server.ts';
export type { AppiumServer, StartAppiumOptions } from './appium-server.ts';
export { buildCapabilities } from './capabilities.ts';
export type { AppiumCapabilities, SessionTarget } from './capabilities.ts';
export { swipeUp } from './gestures.ts';
export { observeWebDriverCalls, instrumentSession } from './observe-webdriver-calls.ts';
export type { WebDriverCallObserver } from './observe-webdriver-calls.ts';
