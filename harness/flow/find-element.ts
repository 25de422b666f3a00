import type { Browser } from 'webdriverio';
import type { Selector } from '../config/selector-schema.ts';
import { HarnessError } from '../errors/index.ts';
import { describeScreen, waitForElement as waitOnScreen, type ElementId } from '../appium/find-element.ts';
import { describeSelector } from '../appium/locate.ts';
import type { FlowContext } from './context.ts';
import { waitPastSystemDialogs } from './system-dialogs/wait-past-system-dialogs.ts';

// Finding is harness/appium/find-element.ts's: match modes, index, below/above/inside.
export { findNow, type ElementId } from '../appium/find-element.ts';

/** Polls for the element (0 = look once); system dialogs the profile answers may be covering it. */
export async function waitForElement(context: FlowContext, selector: Selector, timeoutMs: number): Promise<ElementId | undefined> {
  return await waitPastSystemDialogs(context, timeoutMs, (budgetMs) => waitOnScreen(context, selector, budgetMs));
}

/** Like waitForElement, but a missing element fails the step (FLOW_STEP_FAILED). */
export async function requireElement(context: FlowContext, selector: Selector, timeoutMs: number, where: string): Promise<ElementId> {
  const id = await waitForElement(context, selector, timeoutMs);
  if (!id) {
    throw new HarnessError('FLOW_STEP_FAILED', `${where}: ${describeSelector(selector)} was not shown within ${timeoutMs} ms; ${await describeScreen(context.driver)}`, {
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
