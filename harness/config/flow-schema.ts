import { z } from 'zod';
import { defineStepSchema, type StepOf } from './define-step-schema.ts';
import { selectorSchema } from './selector-schema.ts';

/** `- back:` (null) and `- back` (the bare word) mean the same as `- back: true`. */
const flagSchema = z.preprocess((value) => (value === null ? true : value), z.literal(true));

const argvElementSchema = z.string({
  error: (issue) =>
    issue.code === 'invalid_type' ? 'each shell argument must be a plain string; quote numbers and flags (e.g. "0")' : undefined,
});

/**
 * The arguments of each step, keyed by step name. A step in YAML is a mapping with exactly one of
 * these keys plus an optional `timeoutMs`, e.g. `- waitFor: { text: Scan complete }, timeoutMs: 60000`.
 */
export const STEP_ARGUMENTS = {
  /** Tap the element; fails when it does not appear within the timeout. */
  tap: selectorSchema,
  /** Tap the element if it appears within the timeout, otherwise go on. */
  tapIfPresent: selectorSchema,
  /** Type text into a field: `- type: { into: { id: com.x:id/license }, text: DEMO-1234 }`. */
  type: z.strictObject({ into: selectorSchema, text: z.string() }),
  /** Wait until the element is shown. */
  waitFor: selectorSchema,
  /** Wait until the element is no longer shown. */
  waitGone: selectorSchema,
  /** Scroll the visible scrollable container until the element is shown. */
  scrollTo: selectorSchema,
  /** Press BACK. */
  back: flagSchema,
  /** Press HOME. */
  home: flagSchema,
  /**
   * Run a command on the device: an argv array, never a shell line. The interpreter quotes each
   * argument for the device shell. @example [pm, grant, com.x, android.permission.READ_SMS]
   */
  shell: z.array(argvElementSchema).min(1),
  /** Save a screenshot and UI dump into the case's evidence under this name. */
  capture: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'capture names use lower-case letters, digits and "-"'),
  /** Read an element's text into a named value recorded with the case (e.g. a database version). */
  readText: z.strictObject({
    from: selectorSchema,
    as: z.string().regex(/^[a-zA-Z][\w]*$/, 'use a simple name like databaseVersion'),
  }),
  /**
   * Accept Android runtime-permission dialogs (Allow / While using the app) until none is shown,
   * at most `max` times. `- acceptPermissionDialogs` accepts up to 10.
   */
  acceptPermissionDialogs: z.preprocess(
    (value) => (value === null || value === true ? {} : value),
    z.strictObject({ max: z.int().min(1).max(50).default(10) }),
  ),
} as const;

export type StepAction = keyof typeof STEP_ARGUMENTS;
export const STEP_ACTIONS = Object.keys(STEP_ARGUMENTS) as StepAction[];

/** One step after parsing: its action, that action's arguments, and its own timeout if set. */
export type FlowStep = StepOf<typeof STEP_ARGUMENTS>;

export const flowStepSchema = defineStepSchema(STEP_ARGUMENTS, ['back', 'home', 'acceptPermissionDialogs'], '- tap: { id: com.x:id/ok }');

/** A UI flow: steps run in order; the first failing step ends the case as `flow-error`. */
export const flowSchema = z.array(flowStepSchema);
export type Flow = FlowStep[];
