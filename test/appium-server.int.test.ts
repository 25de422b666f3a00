import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isHarnessError } from '../harness/errors/index.ts';
import { isAppiumReady, startAppium } from '../harness/appium/index.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('startAppium (real Appium from the project dependencies)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('starts with the UiAutomator2 driver found from package.json, answers /status, and stops', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sb-appium-'));
    dirs.push(home);
    const port = await freePort();
    const logFile = join(home, 'appium.log');
    const server = await startAppium({ port, env: { PATH: process.env['PATH'] ?? '', HOME: home }, logFile });
    try {
      expect(await isAppiumReady(server.url)).toBe(true);
      const log = await readFile(logFile, 'utf8');
      expect(log).toMatch(/uiautomator2/i);
    } finally {
      await server.stop();
    }
    expect(await isAppiumReady(server.url, 500)).toBe(false);
    // Stopped, the log is one compressed part in appium-logs/ with its line in the index.
    expect(existsSync(logFile)).toBe(false);
    expect(gunzipSync(await readFile(join(home, 'appium-logs', '0001.log.gz'))).toString('utf8')).toMatch(/uiautomator2/i);
    expect(JSON.parse(await readFile(join(home, 'appium-logs', 'index.jsonl'), 'utf8'))).toMatchObject({ file: 'appium-logs/0001.log' });
  });

  it('fails with APPIUM_START_FAILED when the port is taken', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sb-appium-'));
    dirs.push(home);
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => {
      const address = blocker.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    }));
    try {
      const error = await startAppium({ port, env: { PATH: process.env['PATH'] ?? '', HOME: home }, logFile: join(home, 'a.log'), startTimeoutMs: 20_000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isHarnessError(error, 'APPIUM_START_FAILED')).toBe(true);
    } finally {
      blocker.close();
    }
  });
});
