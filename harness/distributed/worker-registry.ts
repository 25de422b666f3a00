import type { Redis } from 'ioredis';
import { workerKeyOf } from './queue-names.ts';

/** A worker as it announces itself in Redis every ~10 s (run-worker.ts); the entry expires 30 s after its last beat. */
export interface WorkerEntry {
  workerId: string;
  host: string;
  pid: string;
  round: string;
  devices: number;
  /** Case ids it is running now. */
  running: string[];
  done: number;
  seenAt: string;
}

const WORKER_PREFIX = workerKeyOf('');

/** Every worker whose registry entry has not expired, by host then worker id. SCAN, never KEYS (it blocks Redis). */
export async function listWorkers(redis: Redis): Promise<WorkerEntry[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${WORKER_PREFIX}*`, 'COUNT', 200);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const entries: WorkerEntry[] = [];
  for (const key of [...new Set(keys)]) {
    const fields = await redis.hgetall(key);
    if (fields['host'] === undefined) continue; // expired between SCAN and HGETALL
    entries.push({
      workerId: key.slice(WORKER_PREFIX.length), host: fields['host'], pid: fields['pid'] ?? '?', round: fields['round'] ?? '?',
      devices: Number(fields['devices'] ?? 0), running: (fields['running'] ?? '').split(',').filter((id) => id !== ''),
      done: Number(fields['done'] ?? 0), seenAt: fields['seenAt'] ?? '?',
    });
  }
  return entries.sort((a, b) => (a.host === b.host ? (a.workerId < b.workerId ? -1 : 1) : a.host < b.host ? -1 : 1));
}

/** One line per worker, for `devices --redis` and the coordinator's live view. Worker text is printed as sent: callers escape it. */
export function describeWorker(entry: WorkerEntry): string {
  const running = entry.running.length === 0 ? 'idle' : `running ${entry.running.join(', ')}`;
  return `${entry.host} (worker ${entry.workerId}, round ${entry.round}): ${entry.devices} device(s), ${running}, ${entry.done} case(s) done`;
}

/**
 * The round's expected time left from its pace so far: cases decided per minute since the
 * coordinator started serving. Undefined until the first case is decided.
 */
export function estimateRemainingMs(decided: number, total: number, elapsedMs: number): number | undefined {
  if (decided === 0 || elapsedMs <= 0) return undefined;
  return Math.round(((total - decided) * elapsedMs) / decided);
}

export function formatDurationShort(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
