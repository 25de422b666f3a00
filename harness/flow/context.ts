import type { Browser } from 'webdriverio';
import type { SystemDialogWatch } from './system-dialogs/dismiss-system-dialog.ts';

/**
 * What a flow runs against. Callers build one per case; steps read only what they need, so a new
 * step that needs more adds an optional field here.
 */
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
  /** The profile's `systemDialogs`, answered when a step's element is not shown (flow/system-dialogs). */
  systemDialogHandlers?: SystemDialogWatch | undefined;
  /** Flows `run` steps may call by name: the profile's `flows` and those of its `use:` snippets. @default {} */
  flows?: Readonly<Record<string, readonly ParsedStep[] | undefined>>;
  /** Where `${env:NAME}` is looked up. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * What a step's `run` receives: the flow's context plus what only the interpreter can do, such as
 * running nested steps (`if`, `repeat`, `run`) so that their failures and timings name their path.
 */
export interface StepContext extends FlowContext {
  /** Runs steps nested in this one; `path` extends the step's own (`then`, `repeat 2`, `run signIn`). */
  runSteps(steps: readonly ParsedStep[], path: string): Promise<void>;
}

/** How long one step took; `path` names a nested step (`onboarding step 3.then.2`). */
export interface StepTiming {
  flow: string;
  index: number;
  action: string;
  ms: number;
  /** Where a nested step sits, e.g. `onboarding step 3.then.2`; absent for a top-level step. */
  path?: string;
}

/** A step as parsed: its action, that action's arguments, its own timeout if set, and its sibling keys. */
export interface ParsedStep {
  action: string;
  args: unknown;
  timeoutMs?: number;
  [sibling: string]: unknown;
}

/** The budget of a step: its own `timeoutMs`, else the flow's default. */
export function stepTimeoutMs(context: FlowContext, step: ParsedStep): number {
  return step.timeoutMs ?? context.defaultStepTimeoutMs;
}
