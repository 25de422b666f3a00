import { execa } from 'execa';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { pollUntil } from '../android/poll.ts';
import { createAppiumHome } from './appium-home.ts';
import { openAppiumLog } from './appium-log.ts';
import { createRedactingStream } from '../flow/redact-stream.ts';
import { pipeline } from 'node:stream/promises';
import { PROJECT_ROOT, projectPath } from '../project-root.ts';

/** Appium's entry point; it runs in the project root, its drivers come from the APPIUM_HOME of each server. */
const APPIUM_MAIN = projectPath('node_modules', 'appium', 'index.js');

export interface StartAppiumOptions {
  port: number;
  /** Environment for Appium (ANDROID_HOME, ANDROID_ADB_SERVER_PORT, HOME of the round). */
  env: Record<string, string>;
  /** Appium's log goes here (the round folder), rotated and compressed into appium-logs/ beside it (appium-log.ts). */
  logFile: string;
  /** @default 60_000 */
  startTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface AppiumServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** GET /status answers with `value.ready === true` once Appium accepts sessions. */
export async function isAppiumReady(url: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await fetch(new URL('status', url.endsWith('/') ? url : `${url}/`), { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return false;
    const body = (await response.json()) as { value?: { ready?: boolean } };
    return body.value?.ready === true;
  } catch {
    return false;
  }
}

/**
 * Starts a local Appium server from the project's own dependencies (the UiAutomator2 driver installed
 * with the project, linked into an APPIUM_HOME of this server's own, no `appium driver install`),
 * with the one insecure feature the harness needs (`uiautomator2:adb_shell` for `mobile: shell`),
 * and waits for `GET /status`. Stopping the server removes its APPIUM_HOME.
 */
export async function startAppium(options: StartAppiumOptions): Promise<AppiumServer> {
  await mkdir(dirname(options.logFile), { recursive: true });
  const home = await createAppiumHome();
  const log = await openAppiumLog(options.logFile);
  const child = execa(
    process.execPath,
    [APPIUM_MAIN, 'server', '--address', '127.0.0.1', '--port', String(options.port), '--allow-insecure', 'uiautomator2:adb_shell', '--log-no-colors', '--log-timestamp', '--local-timezone'],
    { cwd: PROJECT_ROOT, env: { ...options.env, APPIUM_HOME: home.dir }, extendEnv: false, reject: false, stdin: 'ignore', cleanup: true, all: true },
  );
  // Appium logs the text of every setValue: the run's secrets (`${env:NAME}`) are redacted line by line
  // before they reach appium.log and its compressed parts (redact-stream.ts).
  const written = child.all ? pipeline(child.all, createRedactingStream(), log).catch(() => undefined) : undefined;
  let exitCode: number | undefined;
  let running = true;
  const exited = child.then((result) => {
    running = false;
    exitCode = result.exitCode;
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async (): Promise<void> => {
    if (running) {
      child.kill('SIGTERM');
      const gone = await pollUntil(async () => (running ? undefined : true), { timeoutMs: 5_000, intervalMs: 50 });
      if (!gone) child.kill('SIGKILL');
    }
    await exited;
    if (written) await written;
    else await new Promise<void>((resolve) => log.end(resolve));
    await home.remove();
  };
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const ready = await pollUntil(
    async () => {
      if (!running) return false;
      return (await isAppiumReady(url)) ? true : undefined;
    },
    { timeoutMs, intervalMs: 100, ...(options.signal ? { signal: options.signal } : {}) },
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  if (ready !== true) {
    await stop();
    throw new HarnessError('APPIUM_START_FAILED', running || exitCode === undefined
      ? `Appium on port ${options.port} did not answer GET /status within ${timeoutMs} ms`
      : `Appium exited with ${exitCode} before it was ready (port ${options.port})`, {
      hint: `read ${options.logFile}; check that the port is free and \`npm ci\` installed appium and appium-uiautomator2-driver`,
    });
  }
  return { url, port: options.port, stop };
}
