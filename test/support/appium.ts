import { join } from 'node:path';
import { startAppium as startHarnessAppium } from '../../harness/appium/index.ts';
import { writeVirtualSdk } from '../../simulator/sdk/index.ts';
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
  // The harness's own Appium lifecycle (harness/appium), so tests exercise the code a round uses.
  const server = await startHarnessAppium({
    port: options.port,
    logFile,
    startTimeoutMs: options.budgetMs ?? 30_000,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: options.home.home,
      TMPDIR: options.home.tmp,
      ANDROID_HOME: androidHome,
      ANDROID_SDK_ROOT: androidHome,
      ANDROID_AVD_HOME: options.avdHome ?? options.home.avdHome,
      ANDROID_ADB_SERVER_PORT: String(options.adbPort),
    },
  });
  return { port: options.port, adbPort: options.adbPort, url: server.url, logFile, stop: () => server.stop() };
}
