import type { ChildProcess } from 'node:child_process';
import { execa } from 'execa';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, writeVirtualSdk } from '../../simulator/sdk/index.ts';
import { pollFor } from './poll.ts';
import type { TestHome } from './test-home.ts';

export interface AppiumServer {
  port: number;
  /**
   * The adb server port. Pass it as the `appium:adbPort` capability: appium-adb runs `adb -P <port>`
   * with its own default (5037) and ignores ANDROID_ADB_SERVER_PORT.
   */
  adbPort: number;
  /** e.g. http://127.0.0.1:4723 */
  url: string;
  /** Appium's log (stdout and stderr). */
  logFile: string;
  child: ChildProcess;
  stop(budgetMs?: number): Promise<void>;
}

export interface StartAppiumOptions {
  port: number;
  home: TestHome;
  /** Port of the adb server Appium's adb calls go to. */
  adbPort: number;
  /** ANDROID_HOME. @default the repository's virtual SDK (`.virtual-sdk/`, refreshed) */
  androidHome?: string;
  /** ANDROID_AVD_HOME. @default `<home>/.android/avd` */
  avdHome?: string;
  /** @default 30_000 */
  budgetMs?: number;
}

/**
 * Starts the real Appium server from node_modules with the project root as cwd (so Appium finds
 * appium-uiautomator2-driver as a dependency), its own HOME, the virtual SDK and the test's adb
 * server, and waits until `GET /status` answers.
 */
export async function startAppium(options: StartAppiumOptions): Promise<AppiumServer> {
  const androidHome = options.androidHome ?? (await writeVirtualSdk({ avdHome: options.home.avdHome })).androidHome;
  const logFile = join(options.home.tmp, `appium-${options.port}.log`);
  const log = createWriteStream(logFile);
  const child = execa(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'appium', 'index.js'), '--address', '127.0.0.1', '--port', String(options.port), '--allow-insecure', 'uiautomator2:adb_shell', '--log-no-colors', '--log-timestamp'],
    {
      cwd: REPO_ROOT,
      env: {
        HOME: options.home.home,
        TMPDIR: options.home.tmp,
        ANDROID_HOME: androidHome,
        ANDROID_SDK_ROOT: androidHome,
        ANDROID_AVD_HOME: options.avdHome ?? options.home.avdHome,
        ANDROID_ADB_SERVER_PORT: String(options.adbPort),
      },
      extendEnv: true,
      reject: false,
      stdin: 'ignore',
      all: true,
      buffer: false,
    },
  );
  child.all?.pipe(log);
  const exited = child.then((result) => result.exitCode);
  const url = `http://127.0.0.1:${options.port}`;
  const server: AppiumServer = {
    port: options.port,
    adbPort: options.adbPort,
    url,
    logFile,
    child,
    async stop(budgetMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), budgetMs);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
  try {
    await pollFor(
      `Appium on port ${options.port} (log: ${logFile})`,
      async () => {
        if (child.exitCode !== null) throw new Error(`Appium exited with ${child.exitCode}`);
        const response = await fetch(`${url}/status`);
        return response.ok ? true : undefined;
      },
      { budgetMs: options.budgetMs ?? 30_000, intervalMs: 100 },
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
