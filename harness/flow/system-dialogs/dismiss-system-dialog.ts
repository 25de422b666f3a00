/**
 * Answers a system dialog with the profile's handlers and records it: the screen is captured as
 * `system-dialog-<n>` before the tap, and the dialog's text goes to the case's evidence. Looked for
 * only when a step's element is not shown (find-element.ts), by `dismissSystemDialogs`, and while an
 * install runs (while-handling-system-dialogs.ts): a clean step pays nothing.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { Locator } from '../../appium/locate.ts';
import { isUiStateError } from '../../appium/flow-errors.ts';
import { KNOWN_SYSTEM_DIALOG_TEXT, resolveSystemDialogHandlers, type SystemDialogHandler } from './handlers.ts';
import type { SystemDialogHandlerConfig } from '../../config/system-dialogs-schema.ts';

export interface DismissedSystemDialog {
  /** 1-based, per case: the evidence is `system-dialog-<index>`. */
  index: number;
  /** The handler's name (`play-protect`, `anr`, or the profile's). */
  name: string;
  /** The dialog's texts (title, message), joined by " / ". */
  text: string;
}

/** The profile's handlers and what they answered in this case (FlowContext.systemDialogHandlers). */
export interface SystemDialogWatch {
  handlers: readonly SystemDialogHandler[];
  /** Every dialog answered so far. */
  readonly dismissed: DismissedSystemDialog[];
  /** Saves an answered dialog's text as evidence (the screen is already captured). */
  record(dialog: DismissedSystemDialog): Promise<void>;
}

/** At most this many dialogs are answered in one case: a dialog that keeps coming back is reported instead. */
export const MAX_DISMISSED_PER_CASE = 20;
/** How long a handler's next tap (e.g. "Install anyway" after "More details") may take to appear. */
const NEXT_TAP_BUDGET_MS = 5_000;

export function createSystemDialogWatch(configs: readonly SystemDialogHandlerConfig[], record: (dialog: DismissedSystemDialog) => Promise<void>): SystemDialogWatch {
  return { handlers: resolveSystemDialogHandlers(configs), dismissed: [], record };
}

/** What a flow needs to answer dialogs: the driver, its evidence capture and the profile's watch. */
export interface DialogContext {
  driver: Browser;
  signal: AbortSignal;
  capture(name: string): Promise<void>;
  systemDialogHandlers?: SystemDialogWatch | undefined;
}

type Found = Array<Record<string, string>>;

function elementId(reference: Record<string, string>): string {
  return reference['element-6066-11e4-a52e-4f735466cecf'] ?? reference['ELEMENT'] ?? '';
}

async function findIds(driver: Browser, locator: Locator): Promise<string[]> {
  const found = (await driver.findElements(locator.using, locator.value)) as unknown as Found;
  return found.map(elementId).filter((id) => id !== '');
}

/** A UiSelector statement for a locator that has one, so that several handlers cost one lookup. */
function asUiSelector(locator: Locator): string | undefined {
  const quoted = JSON.stringify(locator.value);
  switch (locator.using) {
    case '-android uiautomator': return locator.value;
    case 'id': return `new UiSelector().resourceId(${quoted})`;
    case 'accessibility id': return `new UiSelector().description(${quoted})`;
    default: return undefined;
  }
}

/** The first handler whose dialog is shown: one lookup for every UiSelector-shaped match, then one per handler only when something is there. */
async function findShownHandler(driver: Browser, handlers: readonly SystemDialogHandler[]): Promise<{ handler: SystemDialogHandler; element: string } | undefined> {
  const statements = handlers.map((handler) => asUiSelector(handler.match));
  const combined = statements.filter((statement): statement is string => statement !== undefined);
  const others = handlers.filter((_, index) => statements[index] === undefined);
  if (others.length === 0 && (combined.length === 0 || (await findIds(driver, { using: '-android uiautomator', value: combined.join('; ') })).length === 0)) return undefined;
  for (const handler of handlers) {
    const [element] = await findIds(driver, handler.match);
    if (element !== undefined) return { handler, element };
  }
  return undefined;
}

/** The texts of the dialog's window (its package's TextViews), joined by " / ". */
async function readDialogText(driver: Browser, element: string): Promise<string> {
  const packageName = await driver.getElementAttribute(element, 'package');
  const ids = await findIds(driver, { using: '-android uiautomator', value: `new UiSelector().packageName(${JSON.stringify(packageName ?? '')}).className("android.widget.TextView")` });
  const texts = await Promise.all(ids.map((id) => driver.getElementText(id).catch(() => '')));
  return texts.filter((text) => text.trim() !== '').join(' / ');
}

async function tapWhenShown(context: DialogContext, locator: Locator): Promise<boolean> {
  const deadline = performance.now() + NEXT_TAP_BUDGET_MS;
  for (;;) {
    const [element] = await findIds(context.driver, locator);
    if (element !== undefined) {
      try {
        await context.driver.elementClick(element);
        return true;
      } catch (error) {
        if (!isUiStateError(error)) throw error;
      }
    }
    if (performance.now() >= deadline) return false;
    await delay(150, undefined, { signal: context.signal });
  }
}

/**
 * Answers one system dialog a handler matches, if one is shown: captures the screen, reads the
 * dialog's text, taps the handler's buttons and records it. Undefined when none is shown (or the
 * case already answered MAX_DISMISSED_PER_CASE).
 */
export async function dismissSystemDialog(context: DialogContext): Promise<DismissedSystemDialog | undefined> {
  const watch = context.systemDialogHandlers;
  if (watch === undefined || watch.handlers.length === 0 || watch.dismissed.length >= MAX_DISMISSED_PER_CASE) return undefined;
  const shown = await findShownHandler(context.driver, watch.handlers);
  if (shown === undefined) return undefined;
  const dialog: DismissedSystemDialog = { index: watch.dismissed.length + 1, name: shown.handler.name, text: await readDialogText(context.driver, shown.element).catch(() => '') };
  watch.dismissed.push(dialog);
  await context.capture(`system-dialog-${dialog.index}`);
  for (const tap of shown.handler.taps) {
    if (!(await tapWhenShown(context, tap))) break;
  }
  await watch.record(dialog);
  return dialog;
}

/**
 * The text of a dialog Android or Google Play shows that no handler answered, for failure messages
 * (`which`: the Play Store's only, or every known system dialog); undefined when none is shown or the
 * lookup fails (a failure message never turns into another error).
 */
export async function describeSystemDialog(driver: Browser, which: Locator = KNOWN_SYSTEM_DIALOG_TEXT): Promise<string | undefined> {
  try {
    const ids = await findIds(driver, which);
    const texts = await Promise.all(ids.map((id) => driver.getElementText(id).catch(() => '')));
    const text = texts.filter((entry) => entry.trim() !== '').join(' / ');
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
