import { selectorSchema } from '../../config/selector-schema.ts';
import { withStaleRetry } from '../../appium/stale-retry.ts';
import { stepTimeoutMs } from '../context.ts';
import { defineStep } from '../define-step.ts';
import { requireElement } from '../find-element.ts';

/** How long the finger stays down: above ViewConfiguration's 400 ms long-press timeout. */
const LONG_PRESS_MS = 1000;

/**
 * Long-press an element: `- longPress: { text: Scan history }`, through UiAutomator2's
 * `mobile: longClickGesture` (appium-uiautomator2-driver, gestures.js; the server's
 * `/appium/gestures/long_click`).
 */
export const longPressStep = defineStep({
  name: 'longPress',
  args: selectorSchema,
  run: async (context, selector, where, step) => {
    await withStaleRetry(
      () => requireElement(context, selector, stepTimeoutMs(context, step), where),
      (elementId) => context.driver.execute('mobile: longClickGesture', { elementId, duration: LONG_PRESS_MS }),
    );
  },
});
