import type { CaseRef, DeviceStateName, RoundReporter, RunEndEvent, RunStartEvent } from '../reporter.ts';
import { describeCaseOutcome, type CaseEndWithVerdict } from './case-outcome-word.ts';
import { estimateRemainingMs, formatDuration } from './format-duration.ts';

export interface LiveReporterOptions {
  write: (text: string) => void;
  /** Terminal width, for truncating lines. @default 100 */
  columns?: number;
  /** Minimum time between redraws. @default 200 */
  throttleMs?: number;
  now?: () => number;
}

interface DeviceView {
  state: DeviceStateName;
  detail: string;
}

/**
 * A live, throttled view for a terminal: cases done/total, ETA, one line per device with what it is
 * doing, and the failures so far. Redraws in place with ANSI cursor movement.
 */
export class LiveReporter implements RoundReporter {
  readonly #options: Required<LiveReporterOptions>;
  readonly #devices = new Map<string, DeviceView>();
  readonly #durations: number[] = [];
  readonly #failures: string[] = [];
  /** Finished cases a person must decide (their match also fits another app). */
  readonly #reviews: string[] = [];
  #roundId = '';
  #total = 0;
  #done = 0;
  #parallelism = 1;
  #drawnLines = 0;
  #lastDraw = 0;
  #pending: NodeJS.Timeout | undefined;

  constructor(options: LiveReporterOptions) {
    this.#options = { columns: 100, throttleMs: 200, now: () => Date.now(), ...options };
  }

  onRunStart(event: RunStartEvent): void {
    this.#roundId = event.roundId;
    this.#total = event.totalCases;
    this.#done = event.alreadyDone;
    this.#parallelism = Math.max(1, event.devices);
    // Printed once, above the live area (nothing is drawn yet).
    for (const note of event.notes ?? []) this.#options.write(`${note}\n`);
    this.#schedule();
  }

  onDeviceState(event: { device: string; state: DeviceStateName; detail?: string }): void {
    this.#devices.set(event.device, { state: event.state, detail: event.detail ?? '' });
    this.#schedule();
  }

  onCaseStart(event: CaseRef & { attempt: number; device: string }): void {
    this.#devices.set(event.device, { state: 'busy', detail: `${event.productId} × ${event.sampleId} [${event.mode}]${event.attempt > 1 ? ` attempt ${event.attempt}` : ''}` });
    this.#schedule();
  }

  onCaseEnd(event: CaseEndWithVerdict): void {
    if (!event.willRetry) {
      this.#done += 1;
      this.#durations.push(event.durationMs);
    }
    const what = `${event.productId} × ${event.sampleId} [${event.mode}]: ${describeCaseOutcome(event)}`;
    if (event.status !== 'completed') this.#failures.push(`${what}${event.error ? ` — ${event.error}` : ''}`);
    else if (event.verdictRule === 'ambiguous') this.#reviews.push(what);
    this.#schedule();
  }

  onRunEnd(event: RunEndEvent): void {
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = undefined;
    this.#draw();
    this.#options.write(`\nround ${event.roundId} ${event.interrupted ? 'interrupted' : 'finished'} in ${formatDuration(event.durationMs)}: ${event.completed} completed, ${event.errors} errors (not counted), ${event.notExecuted} not executed\nresults: ${event.outputDir}\n`);
  }

  /** The lines of the current view (exported for tests). */
  render(): string[] {
    const eta = estimateRemainingMs(this.#durations, this.#total - this.#done, this.#parallelism);
    const width = 24;
    const filled = this.#total === 0 ? width : Math.round((this.#done / this.#total) * width);
    const lines = [
      `${this.#roundId}  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.#done}/${this.#total} cases  ETA ${eta === undefined ? '?' : formatDuration(eta)}  failures ${this.#failures.length}${this.#reviews.length > 0 ? `  to review ${this.#reviews.length}` : ''}`,
    ];
    for (const [device, view] of [...this.#devices.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  ${device.padEnd(16)} ${view.state.padEnd(10)} ${view.detail}`);
    }
    for (const failure of this.#failures.slice(-5)) lines.push(`  ! ${failure}`);
    for (const review of this.#reviews.slice(-3)) lines.push(`  ? ${review}`);
    return lines.map((line) => (line.length > this.#options.columns ? `${line.slice(0, this.#options.columns - 1)}…` : line));
  }

  #schedule(): void {
    if (this.#pending) return;
    const wait = Math.max(0, this.#lastDraw + this.#options.throttleMs - this.#options.now());
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.#draw();
    }, wait);
    this.#pending.unref();
  }

  #draw(): void {
    this.#lastDraw = this.#options.now();
    const lines = this.render();
    const up = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}F` : '';
    this.#options.write(`${up}${lines.map((line) => `\x1b[2K${line}`).join('\n')}\n\x1b[0J`);
    this.#drawnLines = lines.length;
  }
}
