/**
 * Test support for test/sim-apps*.int.test.ts: one virtual emulator with real adb and a real Appium,
 * a clean snapshot (Appium's server APKs already installed, fast apps on) restored before each
 * scenario, and WebdriverIO sessions with the harness's own capabilities.
 */
import { remote } from 'webdriverio';
import type { Browser } from 'webdriverio';
import { parseDumpsysNotification, sendConsoleCommand, type DumpedNotification } from '../../../harness/android/index.ts';
import { buildCapabilities } from '../../../harness/appium/index.ts';
import { runFlow, type FlowContext } from '../../../harness/appium/flow-interpreter.ts';
import type { ResolvedProduct } from '../../../harness/config/index.ts';
import { readProduct } from './ground-truth.ts';
import {
  allocatePort, createSimEnvironment, pollFor, startAppium,
  type AppiumServer, type LaunchedEmulator, type SimEnvironment,
} from '../../../test/support/index.ts';

export const CLEAN_SNAPSHOT = 'apps-clean';

export interface AppsStack {
  sim: SimEnvironment;
  appium: AppiumServer;
  emulator: LaunchedEmulator;
  /** `adb -s <serial> <args>`; throws on a non-zero exit. */
  adb(args: readonly string[], timeoutMs?: number): Promise<string>;
  shell(command: string): Promise<string>;
  console(command: string): Promise<string[]>;
  /** Restores the clean snapshot (ends any UiAutomator2 server running). */
  restore(): Promise<void>;
  /** A session with the harness's capabilities; restore() and dispose() end the ones still open. */
  session(options?: { suppressAccessibility?: boolean }): Promise<Browser>;
  end(driver: Browser): Promise<void>;
  notifications(packageName: string): Promise<DumpedNotification[]>;
  dispose(): Promise<void>;
}

export async function startAppsStack(): Promise<AppsStack> {
  const sim = await createSimEnvironment();
  const drivers = new Set<Browser>();
  let appium: AppiumServer | undefined;
  try {
    appium = await startAppium({ port: await allocatePort(), home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });
    const emulator = await sim.boot({ flags: ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot'] });
    const server = appium;
    const adb = async (args: readonly string[], timeoutMs = 60_000): Promise<string> => {
      const result = await sim.server.adb(['-s', emulator.serial, ...args], { timeoutMs });
      if (result.exitCode !== 0) throw new Error(`adb ${args.join(' ')} exited ${String(result.exitCode)}: ${result.stderr}${result.stdout}`);
      return result.stdout;
    };
    const session = async (options: { suppressAccessibility?: boolean } = {}): Promise<Browser> => {
      const capabilities = {
        ...buildCapabilities({ udid: emulator.serial, adbPort: sim.server.port, systemPort: await allocatePort(), preparedSnapshot: false }),
        'appium:disableSuppressAccessibilityService': options.suppressAccessibility !== true,
      };
      const driver = await remote({ hostname: '127.0.0.1', port: server.port, path: '/', logLevel: 'error', connectionRetryCount: 0, capabilities });
      drivers.add(driver);
      return driver;
    };
    const consoleCommand = (command: string): Promise<string[]> => sendConsoleCommand(command, { port: emulator.consolePort, home: sim.home.home });
    // The clean state: Appium's server and settings APKs installed once, side-loading unchecked, fast apps.
    const first = await session();
    await first.deleteSession();
    drivers.delete(first);
    await adb(['shell', 'settings put global verifier_verify_adb_installs 0; settings put global stalkerbench_fast_apps 1']);
    await consoleCommand(`avd snapshot save ${CLEAN_SNAPSHOT}`);
    return {
      sim, appium: server, emulator, adb, session,
      shell: (command) => adb(['shell', command]),
      console: consoleCommand,
      async end(driver) {
        drivers.delete(driver);
        await driver.deleteSession();
      },
      async restore() {
        for (const driver of drivers) await driver.deleteSession().catch(() => undefined);
        drivers.clear();
        await consoleCommand(`avd snapshot load ${CLEAN_SNAPSHOT}`);
        await pollFor('device back after snapshot load', async () => ((await adb(['shell', 'getprop sys.boot_completed'])).trim() === '1' ? true : undefined), { budgetMs: 20_000 });
      },
      async notifications(packageName) {
        return parseDumpsysNotification(await adb(['shell', 'dumpsys notification --noredact'])).filter((n) => n.packageName === packageName);
      },
      async dispose() {
        for (const driver of drivers) await driver.deleteSession().catch(() => undefined);
        await server.stop();
        await sim.dispose();
      },
    };
  } catch (error) {
    await appium?.stop();
    await sim.dispose();
    throw error;
  }
}

/** The flow context tests use to drive a product's flows directly (no evidence, auto-accepted dialogs). */
export function testFlowContext(driver: Browser, defaultStepTimeoutMs = 5_000): FlowContext {
  return { driver, defaultStepTimeoutMs, autoAcceptPermissionDialogs: true, signal: new AbortController().signal, capture: async () => undefined, values: new Map(), pollIntervalMs: 50 };
}

/** A fresh device (the clean snapshot) with the demo product installed, launched and onboarded in a new session. */
export async function onboardDemoProduct(stack: AppsStack, productId: string): Promise<{ driver: Browser; product: ResolvedProduct }> {
  await stack.restore();
  const product = await readProduct(productId);
  await stack.adb(['install', product.apk.file]);
  const driver = await stack.session();
  await driver.execute('mobile: activateApp', { appId: product.package });
  await runFlow('onboarding', product.flows.onboarding, testFlowContext(driver));
  return { driver, product };
}
