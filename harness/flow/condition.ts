import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { selectorSchema, type Selector } from '../config/selector-schema.ts';
import { describeSelector } from '../appium/locate.ts';
import type { FlowContext } from './context.ts';
import { findNow, waitForElement } from './find-element.ts';

const CONDITION_HINT = 'expected a condition: { visible: <selector> } or { notVisible: <selector> }, with an optional timeoutMs';

/**
 * What `if` and `repeat` test: an element is (not) visible. `timeoutMs` is how long the condition may
 * wait to come true; 0 (the default) looks once — UiAutomator2 waits for the UI to be idle before every
 * lookup — so a screen that did not appear costs one lookup, not a hidden timeout.
 */
export const conditionSchema = z
  .strictObject(
    {
      visible: selectorSchema.optional(),
      notVisible: selectorSchema.optional(),
      /** How long to wait for the condition to come true. @default 0 (look once) */
      timeoutMs: z.int().min(0).max(600_000).optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? CONDITION_HINT : undefined) },
  )
  .superRefine((condition, context) => {
    if ((condition.visible === undefined) === (condition.notVisible === undefined)) {
      context.addIssue({ code: 'custom', message: condition.visible === undefined ? CONDITION_HINT : 'a condition has either visible or notVisible, not both' });
    }
  });

export type Condition = z.output<typeof conditionSchema>;

/** `visible { text: "Next" }` for messages. */
export function describeCondition(condition: Condition): string {
  return condition.visible ? `visible ${describeSelector(condition.visible)}` : `not visible ${describeSelector(condition.notVisible as Selector)}`;
}

/**
 * True when the condition holds now or comes true within its timeout. `visible` polls until the
 * element shows; `notVisible` polls until it is gone.
 */
export async function checkCondition(context: FlowContext, condition: Condition): Promise<boolean> {
  const timeoutMs = condition.timeoutMs ?? 0;
  if (condition.visible) return (await waitForElement(context, condition.visible, timeoutMs)) !== undefined;
  const selector = condition.notVisible as Selector;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    context.signal.throwIfAborted();
    if (!(await findNow(context.driver, selector))) return true;
    if (performance.now() >= deadline) return false;
    await delay(context.pollIntervalMs ?? 150, undefined, { signal: context.signal });
  }
}
