import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { CaseRef, DeviceStateName, RoundReporter, RunEndEvent, RunStartEvent } from '../reporter.ts';
import { redactSecrets } from '../../flow/secrets.ts';
import type { CaseEndWithVerdict } from './case-outcome-word.ts';

/**
 * The per-round diagnostic log (`<round folder>/round.log`): every emulator line, device state and
 * case event, each prefixed with its time and its device or process. Lines that arrive before the
 * round folder is known are kept and written first.
 */
export class LogFileReporter implements RoundReporter {
  readonly #cwd: string;
  #file: string | undefined;
  readonly #early: string[] = [];

  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  get file(): string | undefined {
    return this.#file;
  }

  #write(prefix: string, line: string): void {
    const text = `${new Date().toISOString()} [${prefix}] ${redactSecrets(line)}\n`;
    if (!this.#file) {
      this.#early.push(text);
      return;
    }
    appendFileSync(this.#file, text);
  }

  onRunStart(event: RunStartEvent): void {
    const dir = isAbsolute(event.outputDir) ? event.outputDir : join(this.#cwd, event.outputDir);
    this.#file = join(dir, 'round.log');
    mkdirSync(dirname(this.#file), { recursive: true });
    appendFileSync(this.#file, this.#early.splice(0).join(''));
    this.#write('harness', `round ${event.roundId}: ${event.totalCases} cases, ${event.alreadyDone} already done, ${event.devices} device(s)`);
    for (const note of event.notes ?? []) this.#write('harness', note);
  }

  onLog(event: { prefix: string; line: string }): void {
    this.#write(event.prefix, event.line);
  }

  onDeviceState(event: { device: string; state: DeviceStateName; detail?: string }): void {
    this.#write(event.device, `state ${event.state}${event.detail ? `: ${event.detail}` : ''}`);
  }

  onCaseStart(event: CaseRef & { attempt: number; device: string }): void {
    this.#write(event.device, `case ${event.caseId} attempt ${event.attempt} started`);
  }

  onCaseEnd(event: CaseEndWithVerdict): void {
    this.#write(event.device ?? 'harness', `case ${event.caseId} attempt ${event.attempt}: ${event.status}${event.verdictRule ? ` (rule ${event.verdictRule})` : ''}${event.willRetry ? ' (will retry)' : ''}${event.error ? ` — ${event.error}` : ''} in ${event.durationMs} ms`);
  }

  onRunEnd(event: RunEndEvent): void {
    this.#write('harness', `round ${event.interrupted ? 'interrupted' : 'finished'}: ${event.completed} completed, ${event.errors} errors, ${event.notExecuted} not executed`);
  }
}
