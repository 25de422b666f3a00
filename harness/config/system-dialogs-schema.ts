import { z } from 'zod';
import { locatorSelectorSchema } from './selector-schema.ts';

/**
 * Dialogs Android or Google Play puts in front of the product during a case, and how to answer them
 * (product profile key `systemDialogs`, tried only when a step's element is not there, and by the
 * `dismissSystemDialogs` step). One entry each:
 * - `playProtect: installAnyway | dontSend` — Google Play Protect's install dialogs: `dontSend` answers
 *   "Send app for security check?" with "Don't send" and leaves a blocked install blocked;
 *   `installAnyway` does that and also taps "Install anyway" on "Blocked by Play Protect" and
 *   "Unsafe app blocked" (through "More details").
 * - `anr: wait | close` — "<app> isn't responding". Answering `wait` never hides a hung product:
 *   Android logged the ANR, and a product still hung fails the next step (product-error).
 * - `{ name, match, tap }` — any other dialog: `match` is present while it is shown, `tap` answers it.
 *
 * @example [{ playProtect: installAnyway }, { anr: wait }, { name: battery, match: { text: "Let app always run in background?" }, tap: { text: Allow } }]
 */
export const systemDialogHandlerSchema = z.union([
  z.strictObject({ playProtect: z.enum(['installAnyway', 'dontSend']) }),
  z.strictObject({ anr: z.enum(['wait', 'close']) }),
  z.strictObject({
    /** Names the dialog in evidence and messages, e.g. `battery-prompt`. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a short name in lower case with dashes, e.g. battery-prompt'),
    match: locatorSelectorSchema,
    tap: locatorSelectorSchema,
  }),
], { error: () => 'expected { playProtect: installAnyway|dontSend }, { anr: wait|close } or { name, match, tap }' });

export const systemDialogsSchema = z.array(systemDialogHandlerSchema).default([]);

export type SystemDialogHandlerConfig = z.output<typeof systemDialogHandlerSchema>;
