/** The logcat ring buffer: entries in order, live subscribers, cleared by `logcat -c`. */
import type { LogEntry } from './contracts.ts';

/** Real logd keeps 256 KiB per buffer on emulators; a count bound keeps snapshots small. */
const MAX_ENTRIES = 5_000;

export class LogBuffer {
  #entries: LogEntry[] = [];
  #listeners = new Set<(entry: LogEntry) => void>();

  append(entry: LogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
    for (const listener of this.#listeners) listener(entry);
  }

  entries(): readonly LogEntry[] {
    return this.#entries;
  }

  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clear(): void {
    this.#entries = [];
  }

  toJSON(): LogEntry[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }

  load(entries: readonly LogEntry[]): void {
    this.#entries = entries.map((entry) => ({ ...entry }));
  }
}
