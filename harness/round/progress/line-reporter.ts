import type { DeviceStateName, RoundReporter, RunEndEvent, RunStartEvent } from '../reporter.ts';
import { describeCaseOutcome, type CaseEndWithVerdict } from './case-outcome-word.ts';
import { formatDuration } from './format-duration.ts';

/** One line per finished case: for CI logs and any output that is not a terminal. */
export class LineReporter implements RoundReporter {
  readonly #write: (text: string) => void;
  #total = 0;
  #done = 0;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  onRunStart(event: RunStartEvent): void {
    this.#total = event.totalCases;
    this.#done = event.alreadyDone;
    const resumed = event.alreadyDone > 0 ? `, ${event.alreadyDone} already done` : '';
    this.#write(`round ${event.roundId}: ${event.totalCases} cases on ${event.devices} device(s)${resumed}\n`);
    for (const note of event.notes ?? []) this.#write(`${note}\n`);
  }

  /** Only what changes the round's capacity: a device replaced, or one that left the round. */
  onDeviceState(event: { device: string; state: DeviceStateName; detail?: string }): void {
    const why = event.detail ? `: ${event.detail}` : '';
    if (event.state === 'replacing') this.#write(`device ${event.device} is being replaced${why}\n`);
    if (event.state === 'dead') this.#write(`device ${event.device} left the round${why}; its cases go to the other devices\n`);
  }

  onCaseEnd(event: CaseEndWithVerdict): void {
    if (!event.willRetry) this.#done += 1;
    const error = event.error && event.status !== 'completed' ? ` — ${event.error}` : '';
    this.#write(
      `[${this.#done}/${this.#total}] ${event.productId} × ${event.sampleId} [${event.mode}] #${event.repetition} attempt ${event.attempt}: ${describeCaseOutcome(event)} (${formatDuration(event.durationMs)}${event.device ? `, ${event.device}` : ''})${error}\n`,
    );
  }

  onRunEnd(event: RunEndEvent): void {
    const state = event.interrupted ? 'interrupted' : 'finished';
    this.#write(
      `round ${event.roundId} ${state} in ${formatDuration(event.durationMs)}: ${event.completed} completed, ${event.errors} errors (not counted), ${event.notExecuted} not executed\nresults: ${event.outputDir}\n`,
    );
  }
}
