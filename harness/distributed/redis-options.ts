import { HarnessError } from '../errors/index.ts';

/**
 * ioredis options from a `--redis` URL: `redis://[user:password@]host[:port][/db]`, or `rediss://`
 * for TLS. BullMQ's workers need `maxRetriesPerRequest: null` (its blocking commands must wait for
 * a reconnect instead of failing) and the queue side is given the same, so that a Redis restart is
 * waited out rather than turned into lost writes.
 */
/** Connection settings both BullMQ and ioredis take. */
export interface RedisSettings {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: { servername: string };
  maxRetriesPerRequest: null;
  retryStrategy: (times: number) => number;
}

export function redisOptionsOf(url: string): RedisSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usage(url, 'not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw usage(url, `scheme ${parsed.protocol} is neither redis: nor rediss:`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw usage(url, `database "${db}" is not a number`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(db === '' ? {} : { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' ? { tls: { servername: parsed.hostname } } : {}),
    maxRetriesPerRequest: null,
    // A Redis that is down is retried every second, up to 5 s apart, for as long as the process runs.
    retryStrategy: (times: number) => Math.min(times * 1_000, 5_000),
  };
}

/** The URL as it may be printed: the password replaced by `***`. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function usage(url: string, why: string): HarnessError {
  return new HarnessError('USAGE', `--redis ${redactRedisUrl(url)}: ${why}`, {
    hint: 'give a URL such as redis://:password@lab-redis:6379 (rediss:// for TLS)',
  });
}

/**
 * Logs a Redis connection's errors once per distinct message: without a listener ioredis prints
 * "Unhandled error event" with a stack on every reconnect attempt while Redis is down (it keeps
 * reconnecting, and BullMQ carries on once Redis is back with its AOF).
 */
export function logRedisErrors(redis: { on(event: 'error', listener: (error: Error) => void): unknown; on(event: 'ready', listener: () => void): unknown }, log: (line: string) => void): void {
  let last = '';
  redis.on('error', (error: Error) => {
    if (error.message !== last) log(`Redis: ${error.message} (reconnecting)`);
    last = error.message;
  });
  redis.on('ready', () => {
    if (last !== '') log('Redis: connected again');
    last = '';
  });
}
