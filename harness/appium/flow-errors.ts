import { HarnessError } from '../errors/index.ts';

/** W3C errors that mean "the UI is not what the flow expected" rather than "the session broke". */
const UI_ERRORS = new Set(['no such element', 'stale element reference', 'element not interactable', 'element click intercepted', 'invalid selector', 'invalid element state']);

/** The W3C error name of a WebDriver error (`no such element`), else its JS name. */
export function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const record = error as { name?: unknown; error?: unknown };
    if (typeof record.error === 'string') return record.error;
    if (typeof record.name === 'string') return record.name;
  }
  return '';
}

/** True when a WebDriver error says the element or UI state was wrong, not that Appium or the device failed. */
export function isUiStateError(error: unknown): boolean {
  return UI_ERRORS.has(errorName(error).toLowerCase());
}

/**
 * Wraps a WebDriver failure during a step: UI-state errors become FLOW_STEP_FAILED (flow-error: the
 * product's UI changed, a person must look), anything else APPIUM_SESSION_FAILED (infra-error: retried
 * on a fresh device). Neither is ever a miss.
 */
export function classifyStepError(error: unknown, where: string): HarnessError {
  if (error instanceof HarnessError) return error;
  const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  if (isUiStateError(error)) {
    return new HarnessError('FLOW_STEP_FAILED', `${where}: ${message}`, {
      cause: error,
      hint: 'compare the screenshot and UI dump of this step with the product profile; the product UI may have changed',
    });
  }
  return new HarnessError('APPIUM_SESSION_FAILED', `${where}: ${message}`, {
    cause: error,
    hint: 'the Appium session or the device failed; the case is retried on a fresh device',
  });
}
