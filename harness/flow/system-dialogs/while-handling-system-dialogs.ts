/**
 * Runs work that a system dialog can hold up — an `adb install` waits while Google Play Protect asks
 * about the app (PackageManagerService waits for the required verifier) — and answers such dialogs
 * with the profile's handlers meanwhile. A Play Store dialog no handler answers ends the work at once
 * as a flow-error naming the dialog's text: waiting out adb's timeout would only hide why. (Other
 * system dialogs, e.g. an old app's warning, do not hold an install and are left to the flows.)
 */
import { setTimeout as delay } from 'node:timers/promises';
import { HarnessError } from '../../errors/index.ts';
import { describeSystemDialog, dismissSystemDialog, type DialogContext } from './dismiss-system-dialog.ts';
import { PLAY_STORE_DIALOG_TEXT } from './handlers.ts';

/** How often the screen is looked at while the work runs. @default 500 */
const POLL_MS = 500;

export async function whileHandlingSystemDialogs<T>(context: DialogContext, what: string, work: (signal: AbortSignal) => Promise<T>, pollMs = POLL_MS): Promise<T> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(context.signal.reason);
  context.signal.addEventListener('abort', forward, { once: true });
  let settled = false;
  const task = work(controller.signal).finally(() => {
    settled = true;
  });
  try {
    for (;;) {
      await Promise.race([task.then(() => undefined, () => undefined), delay(pollMs, undefined, { signal: context.signal })]);
      if (settled) return await task;
      if ((await dismissSystemDialog(context)) !== undefined) continue;
      const unhandled = settled ? undefined : await describeSystemDialog(context.driver, PLAY_STORE_DIALOG_TEXT);
      if (unhandled === undefined) continue;
      await context.capture('system-dialog-unhandled').catch(() => undefined);
      controller.abort(new Error('unhandled system dialog'));
      await task.catch(() => undefined);
      throw new HarnessError('FLOW_STEP_FAILED', `${what}: a system dialog no systemDialogs handler answers is in front: "${unhandled}"`, {
        hint: 'add a handler for it to the product profile\'s systemDialogs (e.g. - playProtect: installAnyway), or turn the check off on the device; see scenarios/README.md, "System dialogs"',
      });
    }
  } finally {
    context.signal.removeEventListener('abort', forward);
    // A lookup that failed (the session broke) leaves no install running behind the case.
    if (!settled) controller.abort(new Error('stopped watching for system dialogs'));
  }
}
