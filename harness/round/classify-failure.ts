import { HarnessError } from '../errors/index.ts';
import type { CaseStatus } from '../results/index.ts';
import type { ProductFault } from './diagnose-product.ts';

const PROGRAMMING_ERRORS = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError']);

/**
 * A failure outside a UI flow as a HarnessError. With a session open, anything but a programming
 * error came from WebdriverIO/Appium (a direct `mobile:` command, the session's own adb calls
 * failing when the device dropped): an infrastructure failure, retried on a fresh device.
 */
export function toHarnessError(error: unknown, sessionOpen: boolean): HarnessError {
  if (error instanceof HarnessError) return error;
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (sessionOpen && !(error instanceof Error && PROGRAMMING_ERRORS.has(error.name))) {
    return new HarnessError('APPIUM_SESSION_FAILED', message, { cause: error, hint: 'see the Appium log (appium.log, or its compressed parts in appium-logs/, linked from the case page); the case is retried on a fresh device' });
  }
  return new HarnessError('INTERNAL', message, { cause: error });
}

/**
 * Whether a failure is what a hung product looks like from the harness: UiAutomator2 lookups that time
 * out or answer 500 (`getActiveWindowRoot` gives up after 10 s when the active window's main thread is
 * blocked) end as APPIUM_SESSION_FAILED. Android names the hang only once input waits for the app, so
 * such a failure is worth an ANR probe (diagnose-product.ts) before it is called infrastructure.
 */
export function mayBeHungProduct(failure: HarnessError): boolean {
  return failure.code === 'APPIUM_SESSION_FAILED';
}

export interface FailureFacts {
  failure: HarnessError;
  /** What Android logged about the product crashing or hanging during the case. */
  productFault: ProductFault | undefined;
  /** States other than `device` the serial went through during the case (adb's track-devices). */
  deviceOutages: readonly string[];
}

/**
 * Whose fault a failed attempt was (methodology.md, "Outcome of one case"), in this order:
 * the product crashed or stopped responding → `product-error` (retried; never a miss); the device
 * dropped off adb at any moment of the case → `infra-error`, however the failure looked (a flow
 * step that timed out while the device was gone is not the product's UI); a UI the profile cannot
 * follow or a results screen it cannot recognise → `flow-error`; anything else → `infra-error`.
 */
export function classifyFailure(facts: FailureFacts): { status: Exclude<CaseStatus, 'completed' | 'not-executed'>; code: string; message: string } {
  const { failure, productFault, deviceOutages } = facts;
  if (productFault) {
    const what = productFault.code === 'PRODUCT_CRASHED' ? 'the product crashed' : 'the product stopped responding';
    return { status: 'product-error', code: productFault.code, message: `${what} during the case (${productFault.line}); the step that failed: ${failure.code}: ${failure.message}` };
  }
  if (deviceOutages.length > 0) {
    const states = [...new Set(deviceOutages)].join(' / ');
    return { status: 'infra-error', code: 'DEVICE_LOST', message: `the device dropped off adb during the case (${deviceOutages.length} report(s) of ${states}); the step that failed: ${failure.code}: ${failure.message}` };
  }
  if (failure.code === 'FLOW_STEP_FAILED' || failure.code === 'FLOW_ASSERTION_FAILED' || failure.code === 'RESULTS_NOT_SHOWN' || failure.code === 'RESULTS_INCOMPLETE') {
    return { status: 'flow-error', code: failure.code, message: failure.message };
  }
  return { status: 'infra-error', code: failure.code, message: failure.message };
}
