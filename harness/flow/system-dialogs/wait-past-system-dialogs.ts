import { setTimeout as delay } from 'node:timers/promises';
import type { FlowContext } from '../context.ts';
import { dismissSystemDialog } from './dismiss-system-dialog.ts';

/**
 * Waits for an element with `look(budgetMs)`, answering the system dialogs the profile handles
 * (`systemDialogs`) that may cover it: they are looked for only while the element is not shown, so
 * a step whose element is there pays nothing. Without handlers this is `look(timeoutMs)` itself.
 */
export async function waitPastSystemDialogs<T>(context: FlowContext, timeoutMs: number, look: (budgetMs: number) => Promise<T | undefined>): Promise<T | undefined> {
  const watch = context.systemDialogHandlers;
  if (watch === undefined || watch.handlers.length === 0) return await look(timeoutMs);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = await look(0);
    if (found !== undefined) return found;
    if ((await dismissSystemDialog(context)) !== undefined) continue;
    if (performance.now() >= deadline) return undefined;
    await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
  }
}
