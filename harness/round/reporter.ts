import type { VerdictRule } from '../results/index.ts';

/** What a reporter hears about one case. */
export interface CaseRef {
  caseId: string;
  productId: string;
  sampleId: string;
  mode: string;
  repetition: number;
}

export interface CaseEndEvent extends CaseRef {
  attempt: number;
  /** completed | infra-error | product-error | flow-error | not-executed */
  status: string;
  /** What decided a completed case (results/attempt-schema.ts `basis.rule`), e.g. `ambiguous`: a person decides. */
  verdictRule?: VerdictRule | undefined;
  /** Will the case be tried again (infrastructure error with retries left)? */
  willRetry: boolean;
  detected: boolean | undefined;
  alerted: boolean | undefined;
  /** The sample is watchware or a clean app: a detection is a false positive. */
  falsePositiveCheck: boolean;
  durationMs: number;
  error: string | undefined;
  device: string | undefined;
}

export type DeviceStateName = 'launching' | 'preparing' | 'idle' | 'busy' | 'restoring' | 'replacing' | 'dead' | 'stopped';

export interface RunStartEvent {
  roundId: string;
  totalCases: number;
  /** Cases already finished in an earlier run (resume). */
  alreadyDone: number;
  devices: number;
  outputDir: string;
  /** Lines a log should carry before the cases, e.g. which build `--product` put in place. */
  notes?: string[];
}

export interface RunEndEvent {
  roundId: string;
  completed: number;
  errors: number;
  notExecuted: number;
  durationMs: number;
  interrupted: boolean;
  outputDir: string;
}

/**
 * Progress and logging listeners of a round. Every hook is optional; a reporter that throws is
 * isolated by the multiplexer and never stops the round.
 */
export interface RoundReporter {
  onRunStart?(event: RunStartEvent): void | Promise<void>;
  onCaseStart?(event: CaseRef & { attempt: number; device: string }): void | Promise<void>;
  onCaseEnd?(event: CaseEndEvent): void | Promise<void>;
  onDeviceState?(event: { device: string; state: DeviceStateName; detail?: string }): void | Promise<void>;
  /** A diagnostic line for the round log (prefix names the device or process). */
  onLog?(event: { prefix: string; line: string }): void | Promise<void>;
  onRunEnd?(event: RunEndEvent): void | Promise<void>;
}

type HookName = keyof RoundReporter;

/** Fans events out to several reporters; a failing reporter is reported once and skipped, never fatal. */
export class ReporterMultiplexer implements Required<RoundReporter> {
  readonly #reporters: RoundReporter[];
  readonly #onReporterError: (error: unknown, hook: HookName) => void;

  constructor(reporters: RoundReporter[], onReporterError: (error: unknown, hook: HookName) => void = () => undefined) {
    this.#reporters = reporters;
    this.#onReporterError = onReporterError;
  }

  async #call<K extends HookName>(hook: K, event: Parameters<NonNullable<RoundReporter[K]>>[0]): Promise<void> {
    for (const reporter of this.#reporters) {
      const fn = reporter[hook] as ((e: typeof event) => void | Promise<void>) | undefined;
      if (!fn) continue;
      try {
        await fn.call(reporter, event);
      } catch (error) {
        this.#onReporterError(error, hook);
      }
    }
  }

  onRunStart(event: RunStartEvent): Promise<void> { return this.#call('onRunStart', event); }
  onCaseStart(event: CaseRef & { attempt: number; device: string }): Promise<void> { return this.#call('onCaseStart', event); }
  onCaseEnd(event: CaseEndEvent): Promise<void> { return this.#call('onCaseEnd', event); }
  onDeviceState(event: { device: string; state: DeviceStateName; detail?: string }): Promise<void> { return this.#call('onDeviceState', event); }
  onLog(event: { prefix: string; line: string }): Promise<void> { return this.#call('onLog', event); }
  onRunEnd(event: RunEndEvent): Promise<void> { return this.#call('onRunEnd', event); }
}
