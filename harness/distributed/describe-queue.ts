import { Redis } from 'ioredis';
import { HarnessError } from '../errors/index.ts';
import { escapeText } from '../ingest/escape-text.ts';
import { ACTIVE_ROUNDS_KEY, coordinatorKeyOf } from './queue-names.ts';
import { redactRedisUrl, redisOptionsOf } from './redis-options.ts';
import { describeWorker, listWorkers } from './worker-registry.ts';

/**
 * `stalkerbench devices --redis <url>`: the rounds coordinators serve on that Redis and the workers
 * that announced themselves (host, devices, cases running and done), as lines to print. Nothing
 * is changed in Redis. Worker and round text is escaped for the terminal.
 */
export async function describeQueue(url: string): Promise<string[]> {
  const options = redisOptionsOf(url);
  const redis = new Redis({ ...options, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect().catch((error: unknown) => {
      throw new HarnessError('QUEUE_UNAVAILABLE', `cannot reach Redis at ${redactRedisUrl(url)}: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'check the --redis URL, its password and that this host may reach the Redis port (firewall)',
      });
    });
    const lines: string[] = [`Redis ${redactRedisUrl(url)}:`];
    const rounds = (await redis.smembers(ACTIVE_ROUNDS_KEY)).sort();
    lines.push(rounds.length === 0 ? '  rounds served: none' : '  rounds served:');
    for (const round of rounds) {
      const info = await redis.hgetall(coordinatorKeyOf(round));
      lines.push(`    ${escapeText(round)}: ${escapeText(info['state'] ?? '?')}, coordinator on ${escapeText(info['host'] ?? '?')} (pid ${escapeText(info['pid'] ?? '?')})`);
    }
    const workers = await listWorkers(redis);
    lines.push(workers.length === 0 ? '  workers: none (a worker announces itself every 10 s while it runs)' : `  workers: ${workers.length}, ${workers.reduce((sum, w) => sum + w.devices, 0)} device(s)`);
    for (const worker of workers) lines.push(`    ${escapeText(describeWorker(worker))}, last seen ${escapeText(worker.seenAt)}`);
    return lines;
  } finally {
    redis.disconnect();
  }
}
