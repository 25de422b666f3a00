import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { Selector } from '../config/selector-schema.ts';
import { HarnessError } from '../errors/index.ts';
import { isUiStateError } from '../appium/flow-errors.ts';
import { describeSelector, toLocator } from '../appium/locate.ts';
import { acceptPermissionDialogs } from '../appium/permission-dialogs.ts';
import type { FlowContext } from './context.ts';

export type ElementId = string;

function elementId(reference: Record<string, string>): ElementId {
  return reference['element-6066-11e4-a52e-4f735466cecf'] ?? reference['ELEMENT'] ?? '';
}

/** Finds the first displayed element for a selector right now, without waiting. */
export async function findNow(driver: Browser, selector: Selector): Promise<ElementId | undefined> {
  const locator = toLocator(selector);
  const found = (await driver.findElements(locator.using, locator.value)) as unknown as Array<Record<string, string>>;
  for (const reference of found) {
    const id = elementId(reference);
    try {
      if (await driver.isElementDisplayed(id)) return id;
    } catch (error) {
      if (!isUiStateError(error)) throw error;
    }
  }
  return undefined;
}

/** Polls for the element until it is shown or `timeoutMs` has passed (0 = look once). */
export async function waitForElement(context: FlowContext, selector: Selector, timeoutMs: number): Promise<ElementId | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    context.signal.throwIfAborted();
    const id = await findNow(context.driver, selector);
    if (id) return id;
    // Only when the element is not there: a permission dialog (its own window) may be covering it.
    // Looking for the dialog first would cost one lookup per allow-button id on every step.
    if (context.autoAcceptPermissionDialogs && (await acceptPermissionDialogs(context.driver, 1)) > 0) continue;
    if (performance.now() >= deadline) return undefined;
    await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
  }
}

/** Like waitForElement, but a missing element fails the step (FLOW_STEP_FAILED). */
export async function requireElement(context: FlowContext, selector: Selector, timeoutMs: number, where: string): Promise<ElementId> {
  const id = await waitForElement(context, selector, timeoutMs);
  if (!id) {
    throw new HarnessError('FLOW_STEP_FAILED', `${where}: ${describeSelector(selector)} was not shown within ${timeoutMs} ms`, {
      hint: 'compare the screenshot and UI dump of this step with the product profile; raise timeoutMs if the app is just slow',
    });
  }
  return id;
}

/**
 * Typing sets the text (ACTION_SET_TEXT) without raising the keyboard, but a field the flow tapped
 * first has the soft keyboard up: it covers the bottom ~40 % of the screen and takes every tap there,
 * and it is never in the default tree. Close it before the next step (appium-adb hideKeyboard: ESC,
 * then BACK, while `dumpsys input_method` says it is shown); one `dumpsys` when it is not.
 */
export async function hideSoftKeyboard(driver: Browser): Promise<void> {
  if (await driver.isKeyboardShown()) await driver.hideKeyboard();
}
