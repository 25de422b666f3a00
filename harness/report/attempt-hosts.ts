import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ATTEMPT_HOSTS_FILE } from '../results/index.ts';
import { parseJsonRecord } from '../results/plain-record.ts';

/** Where an attempt ran, as its worker reported it. Worker text: escaped like device text by every renderer. */
export interface AttemptHostRecord {
  hostname: string;
  workerId: string;
  versions: Readonly<Record<string, string>>;
}

export interface HostSummary {
  hostname: string;
  workers: string[];
  attempts: number;
  /** The software versions its workers reported, `name version` joined; several sets when they differ. */
  versions: string[];
}

/** Larger than any round writes (a line is ~200 bytes; a million attempts is 200 MB): read no further. */
const READ_CAP = 64 * 1024 * 1024;

export const attemptKeyOf = (caseId: string, attempt: number): string => `${caseId}#${attempt}`;

/**
 * The host of each attempt of a round run across machines, keyed by case and attempt; empty for a
 * round run on one machine (no file). Lines that are not a host record (a torn last line after a
 * crash, a hand edit) are skipped and counted in `skipped` for the report to say so.
 */
export async function readAttemptHosts(folder: string): Promise<{ hosts: Map<string, AttemptHostRecord>; skipped: number }> {
  const hosts = new Map<string, AttemptHostRecord>();
  let text: string;
  try {
    const handle = await open(join(folder, ATTEMPT_HOSTS_FILE), 'r');
    try {
      const buffer = Buffer.alloc(Math.min((await handle.stat()).size, READ_CAP));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { hosts, skipped: 0 };
    throw error;
  }
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const record = parseLine(line);
    if (record === undefined) skipped += 1;
    else hosts.set(attemptKeyOf(record.caseId, record.attempt), record.host);
  }
  return { hosts, skipped };
}

function parseLine(line: string): { caseId: string; attempt: number; host: AttemptHostRecord } | undefined {
  const value = parseJsonRecord(line);
  if (value === undefined) return undefined;
  const { caseId, attempt, hostname, workerId, versions } = value;
  if (typeof caseId !== 'string' || typeof attempt !== 'number' || typeof hostname !== 'string' || typeof workerId !== 'string') return undefined;
  const clean: Record<string, string> = {};
  if (typeof versions === 'object' && versions !== null) {
    for (const [name, version] of Object.entries(versions)) if (typeof version === 'string') clean[name] = version;
  }
  return { caseId, attempt, host: { hostname, workerId, versions: clean } };
}

/** One row per host, in the order hosts first appear; for the method section. */
export function summariseHosts(hosts: ReadonlyMap<string, AttemptHostRecord>): HostSummary[] {
  const byHost = new Map<string, HostSummary>();
  for (const record of hosts.values()) {
    const row = byHost.get(record.hostname) ?? { hostname: record.hostname, workers: [], attempts: 0, versions: [] };
    row.attempts += 1;
    if (!row.workers.includes(record.workerId)) row.workers.push(record.workerId);
    const versions = Object.entries(record.versions).map(([name, version]) => `${name} ${version}`).join(', ');
    if (versions !== '' && !row.versions.includes(versions)) row.versions.push(versions);
    byHost.set(record.hostname, row);
  }
  return [...byHost.values()];
}
