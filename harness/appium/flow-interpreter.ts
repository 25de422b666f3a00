import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { Flow, FlowStep } from '../config/flow-schema.ts';
import type { Selector } from '../config/selector-schema.ts';
import { HarnessError } from '../errors/index.ts';
import { quoteShellArg } from '../android/run-adb.ts';
import { classifyStepError, isUiStateError } from './flow-errors.ts';
import { swipeUp } from './gestures.ts';
import { describeSelector, toLocator } from './locate.ts';
import { acceptPermissionDialogs } from './permission-dialogs.ts';
import { withStaleRetry } from './stale-retry.ts';

export interface FlowContext {
  driver: Browser;
  /** Budget of a step that sets no `timeoutMs`. */
  defaultStepTimeoutMs: number;
  /** Accept runtime-permission dialogs whenever one shows up (product profile option). */
  autoAcceptPermissionDialogs: boolean;
  signal: AbortSignal;
  /** Saves a screenshot and UI dump under this name into the case's evidence. */
  capture(name: string): Promise<void>;
  /** Values read by `readText` steps. */
  values: Map<string, string>;
  /** Poll interval while waiting for an element. @default 150 */
  pollIntervalMs?: number;
}

export interface StepTiming {
  flow: string;
  index: number;
  action: string;
  ms: number;
}

const SCROLL_ATTEMPTS = 12;

/** tapIfPresent: the element was there, went stale, and is not there any more — nothing to tap. */
class TapTargetGone extends Error {}

type ElementId = string;

function elementId(reference: Record<string, string>): ElementId {
  return reference['element-6066-11e4-a52e-4f735466cecf'] ?? reference['ELEMENT'] ?? '';
}

/** Finds the first displayed element for a selector right now, without waiting. */
async function findNow(driver: Browser, selector: Selector): Promise<ElementId | undefined> {
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

async function waitForElement(context: FlowContext, selector: Selector, timeoutMs: number): Promise<ElementId | undefined> {
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

async function requireElement(context: FlowContext, selector: Selector, timeoutMs: number, where: string): Promise<ElementId> {
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
async function hideSoftKeyboard(driver: Browser): Promise<void> {
  if (await driver.isKeyboardShown()) await driver.hideKeyboard();
}

async function runStep(context: FlowContext, step: FlowStep, where: string): Promise<void> {
  const { driver } = context;
  const timeoutMs = step.timeoutMs ?? context.defaultStepTimeoutMs;
  switch (step.action) {
    // Between finding an element and acting on it the view may be re-rendered or recycled: the
    // action then finds it again (stale-retry.ts) instead of failing the step.
    case 'tap':
      await withStaleRetry(() => requireElement(context, step.args, timeoutMs, where), (id) => driver.elementClick(id));
      return;
    case 'tapIfPresent': {
      let first = true;
      const find = async (): Promise<string> => {
        // Later attempts (after a stale element) look once more without waiting the step's budget again.
        const id = await waitForElement(context, step.args, first ? timeoutMs : 0);
        first = false;
        if (!id) throw new TapTargetGone();
        return id;
      };
      await withStaleRetry(find, (id) => driver.elementClick(id)).catch((error: unknown) => {
        if (!(error instanceof TapTargetGone)) throw error;
      });
      return;
    }
    case 'type':
      await withStaleRetry(() => requireElement(context, step.args.into, timeoutMs, where), async (id) => {
        await driver.elementClear(id);
        await driver.elementSendKeys(id, step.args.text);
      });
      await hideSoftKeyboard(driver);
      return;
    case 'waitFor':
      await requireElement(context, step.args, timeoutMs, where);
      return;
    case 'waitGone': {
      const deadline = performance.now() + timeoutMs;
      while (await findNow(driver, step.args)) {
        if (performance.now() >= deadline) {
          throw new HarnessError('FLOW_STEP_FAILED', `${where}: ${describeSelector(step.args)} was still shown after ${timeoutMs} ms`, {
            hint: 'the app may be stuck (see the screenshot), or raise timeoutMs for a slow operation',
          });
        }
        await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
      }
      return;
    }
    case 'scrollTo': {
      for (let attempt = 0; attempt <= SCROLL_ATTEMPTS; attempt += 1) {
        if (await findNow(driver, step.args)) return;
        if (attempt < SCROLL_ATTEMPTS) await swipeUp(driver);
      }
      throw new HarnessError('FLOW_STEP_FAILED', `${where}: ${describeSelector(step.args)} not found after scrolling ${SCROLL_ATTEMPTS} times`, {
        hint: 'check the UI dump: the list may be shorter than expected or the text may differ',
      });
    }
    case 'back':
      await driver.back();
      return;
    case 'home':
      await driver.execute('mobile: pressKey', { keycode: 3 });
      return;
    case 'shell': {
      const [command = '', ...args] = step.args;
      await driver.execute('mobile: shell', { command: quoteShellArg(command), args: args.map(quoteShellArg) });
      return;
    }
    case 'capture':
      await context.capture(step.args);
      return;
    case 'readText': {
      const text = await withStaleRetry(() => requireElement(context, step.args.from, timeoutMs, where), (id) => driver.getElementText(id));
      context.values.set(step.args.as, text);
      return;
    }
    case 'acceptPermissionDialogs':
      await acceptPermissionDialogs(driver, step.args.max);
      return;
  }
}

/**
 * Runs a UI flow step by step. The first failing step captures a screenshot and UI dump named
 * `<flow>-failed-step-<n>` and throws: FLOW_STEP_FAILED when the UI was not as the profile expects
 * (flow-error), APPIUM_SESSION_FAILED when Appium or the device broke (infra-error).
 */
export async function runFlow(name: string, flow: Flow, context: FlowContext, firstIndex = 0): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  for (const [offset, step] of flow.entries()) {
    const index = firstIndex + offset;
    const where = `${name} step ${index + 1} (${step.action})`;
    const started = performance.now();
    try {
      await runStep(context, step, where);
    } catch (error) {
      if (context.signal.aborted) throw new HarnessError('CANCELLED', `${where} was cancelled`, { cause: error });
      const failure = classifyStepError(error, where);
      await context.capture(`${name}-failed-step-${index + 1}`).catch(() => undefined);
      throw failure;
    }
    timings.push({ flow: name, index, action: step.action, ms: Math.round(performance.now() - started) });
  }
  return timings;
}
