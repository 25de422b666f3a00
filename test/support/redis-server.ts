import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  port: number;
  dir: string;
  /** SIGKILLs the server (its AOF stays in `dir`). */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same data folder. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Debian's redis-server for one test: its own port and data folder, a random password, bound to
 * 127.0.0.1, AOF on and `noeviction` as BullMQ's production guide asks (and the README tells labs).
 */
export async function startTestRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'sb-redis-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  let child: { kill(signal: NodeJS.Signals): boolean } & PromiseLike<unknown> | undefined;
  const start = async (): Promise<void> => {
    child = execa('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
      '--maxmemory-policy', 'noeviction', '--save', '', '--requirepass', password, '--daemonize', 'no', '--logfile', join(dir, 'redis.log')], { reject: false, stdio: 'ignore' });
    const client = new Redis({ port, host: '127.0.0.1', password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused connections while the server starts are expected: the loop below retries them.
    client.on('error', () => undefined);
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') break;
      } catch (error) {
        client.disconnect();
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    client.disconnect();
  };
  await start();
  const kill = async (): Promise<void> => {
    child?.kill('SIGKILL');
    await child;
  };
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    port,
    dir,
    kill,
    restart: start,
    remove: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
