import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonRecord } from '../results/plain-record.ts';

/**
 * The round folder's Appium log as the harness leaves it (harness/appium/appium-log.ts writes
 * it; this reads the same file contract): `appium.log` is the part being written, and each time
 * it grows past its limit, and when Appium stops, it moves to `appium-logs/<n>.log` and is
 * gzip-compressed to `appium-logs/<n>.log.gz`; `appium-logs/index.jsonl` has one line per moved
 * part with the times its first and last bytes were written. A run killed mid-compression leaves
 * the plain `<n>.log`, which is linked instead.
 */
export interface AppiumLogSegment {
  /** Relative to the round folder: `appium-logs/0003.log.gz`, `appium-logs/0003.log` or `appium.log`. */
  path: string;
  /** When its first byte was written (ISO), or undefined when not known (a log from before rotation). */
  from: string | undefined;
  /** When its last byte was written (ISO), or undefined for `appium.log`, which may still grow. */
  to: string | undefined;
  bytes: number;
}

export const APPIUM_LOG_INDEX = 'appium-logs/index.jsonl';
export const APPIUM_LOG_LIVE = 'appium.log';

/**
 * Every part of the round's Appium log, oldest first. Unreadable index lines are skipped (the
 * index is a convenience: the files themselves are the log); a part whose file is gone is left out.
 */
export async function readAppiumLogSegments(folder: string): Promise<AppiumLogSegment[]> {
  const segments: AppiumLogSegment[] = [];
  const text = await readFile(join(folder, APPIUM_LOG_INDEX), 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const entry = parseIndexLine(line);
    if (entry === undefined) continue;
    for (const path of [`${entry.name}.gz`, entry.name]) {
      const size = await fileSize(join(folder, path));
      if (size === undefined) continue;
      segments.push({ path, from: entry.from, to: entry.to, bytes: size });
      break;
    }
  }
  const live = await fileSize(join(folder, APPIUM_LOG_LIVE));
  if (live !== undefined && live > 0) segments.push({ path: APPIUM_LOG_LIVE, from: segments[segments.length - 1]?.to, to: undefined, bytes: live });
  return segments;
}

/**
 * The parts written while a case ran (from its first attempt's start to its last attempt's end):
 * Appium writes one log for all devices of a round, so a part may hold other cases' lines too.
 */
export function segmentsDuring(segments: readonly AppiumLogSegment[], from: string, to: string): AppiumLogSegment[] {
  // Result times may carry an offset: compared as instants, not as strings.
  const start = Date.parse(from);
  const end = Date.parse(to);
  return segments.filter((segment) => (segment.from === undefined || Date.parse(segment.from) <= end)
    && (segment.to === undefined || Date.parse(segment.to) >= start));
}

function parseIndexLine(line: string): { name: string; from: string | undefined; to: string | undefined } | undefined {
  const value = parseJsonRecord(line);
  if (value === undefined) return undefined;
  const { file, from, to } = value;
  // Only names the writer makes: nothing from this file can point outside appium-logs/.
  if (typeof file !== 'string' || !/^appium-logs\/\d{1,9}\.log$/.test(file)) return undefined;
  return { name: file, from: isIsoTime(from) ? from : undefined, to: isIsoTime(to) ? to : undefined };
}

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(value);
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}
