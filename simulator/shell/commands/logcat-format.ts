/** Formatting and filtering of log entries as liblog's logprint does (`-v threadtime|brief|time|tag|process|raw`). */
import type { LogEntry } from '../../device/contracts.ts';

export type LogFormat = 'threadtime' | 'brief' | 'time' | 'tag' | 'process' | 'raw' | 'long';

const PRIORITIES = ['V', 'D', 'I', 'W', 'E', 'F', 'S'] as const;
type Level = (typeof PRIORITIES)[number];

export function isLogFormat(value: string): value is LogFormat {
  return ['threadtime', 'brief', 'time', 'tag', 'process', 'raw', 'long'].includes(value);
}

/** `MM-DD HH:MM:SS.mmm` in GMT (the emulator's default time zone). */
export function formatLogTime(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`;
}

export function formatLogEntry(entry: LogEntry, format: LogFormat): string {
  const lines = entry.message.split('\n');
  const prefix = ((): string => {
    switch (format) {
      case 'brief': return `${entry.priority}/${entry.tag.padEnd(8)}(${String(entry.pid).padStart(5)}): `;
      case 'time': return `${formatLogTime(entry.time)} ${entry.priority}/${entry.tag.padEnd(8)}(${String(entry.pid).padStart(5)}): `;
      case 'tag': return `${entry.priority}/${entry.tag.padEnd(8)}: `;
      case 'process': return `${entry.priority}(${String(entry.pid).padStart(5)}) `;
      case 'raw': return '';
      case 'long': return '';
      default: return `${formatLogTime(entry.time)} ${String(entry.pid).padStart(5)} ${String(entry.tid).padStart(5)} ${entry.priority} ${entry.tag.padEnd(8)}: `;
    }
  })();
  if (format === 'long') {
    return `[ ${formatLogTime(entry.time)} ${String(entry.pid).padStart(5)}:${String(entry.tid).padStart(5)} ${entry.priority}/${entry.tag} ]\n${entry.message}\n\n`;
  }
  const suffix = format === 'process' ? `  (${entry.tag})` : '';
  return lines.map((line) => `${prefix}${line}${suffix}\n`).join('');
}

/** A compiled set of `TAG:PRIORITY` filter specs; `*` sets the default. */
export class LogFilter {
  #byTag = new Map<string, number>();
  #default: number;

  constructor(specs: readonly string[], silentByDefault = false) {
    this.#default = silentByDefault ? PRIORITIES.indexOf('S') : 0;
    for (const spec of specs) this.add(spec);
  }

  /** Adds one spec; returns false when it is malformed (logcat prints "Invalid filter expression"). */
  add(spec: string): boolean {
    const colon = spec.lastIndexOf(':');
    const tag = colon < 0 ? spec : spec.slice(0, colon);
    const levelText = (colon < 0 ? 'V' : spec.slice(colon + 1)).toUpperCase();
    const level = PRIORITIES.indexOf((levelText === '*' ? 'V' : levelText) as Level);
    if (tag === '' || level < 0) return false;
    if (tag === '*') this.#default = level;
    else this.#byTag.set(tag, level);
    return true;
  }

  accepts(entry: LogEntry): boolean {
    const level = this.#byTag.get(entry.tag) ?? this.#default;
    return PRIORITIES.indexOf(entry.priority) >= level && level < PRIORITIES.indexOf('S');
  }
}
