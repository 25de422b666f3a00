/**
 * An authoring tool's hold on one running device: the device chosen from the adb server the user's
 * environment names (ANDROID_ADB_SERVER_PORT, default 5037), an Appium server of the tool's own
 * (started as a round starts it, in the port block of STALKERBENCH_PORT_BASE), and one session with
 * the capabilities a case uses. Nothing is reset or installed on the device but the UiAutomator2
 * server Appium itself needs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'webdriverio';
import { findFreePort, parseDevices, resolveAndroidEnv, runAdb, type AndroidEnv } from '../android/index.ts';
import { startAppium, type AppiumServer } from '../appium/index.ts';
import { HarnessError } from '../errors/index.ts';
import { resolveRoundPorts } from '../round/round-environment.ts';
import { closeSession, openSession } from '../round/open-session.ts';

export interface DeviceChoice {
  /** `--device`: an adb serial. */
  serial?: string | undefined;
  /** `--avd`: the AVD name of a running emulator. */
  avd?: string | undefined;
}

export interface ChosenDevice {
  serial: string;
  avd: string | undefined;
}

async function avdNameOf(env: AndroidEnv, serial: string, signal: AbortSignal): Promise<string | undefined> {
  // The emulator sets ro.boot.qemu.avd_name (API 31+); older images ro.kernel.qemu.avd_name.
  const result = await runAdb(env, serial, ['shell', 'getprop ro.boot.qemu.avd_name; getprop ro.kernel.qemu.avd_name'], { timeoutMs: 15_000, signal, reject: false });
  return result.stdout.split('\n').map((line) => line.trim()).find((line) => line !== '');
}

/**
 * The device to attach to: the one `--device` names, the running emulator of `--avd`, or the only
 * device attached. A device that is not there (or not online) is bad input: exit 2 with the list.
 */
export async function chooseDevice(env: AndroidEnv, choice: DeviceChoice, signal: AbortSignal): Promise<ChosenDevice> {
  const { stdout } = await runAdb(env, undefined, ['devices', '-l'], { timeoutMs: 30_000, signal });
  const devices = parseDevices(stdout);
  const online = devices.filter((device) => device.state === 'device');
  const listed = devices.length === 0 ? 'none' : devices.map((device) => `${device.serial} (${device.state})`).join(', ');
  const where = `the adb server on port ${env.adbServerPort}`;
  const hint = 'start the device, or pick one from `adb devices` with --device <serial> (ANDROID_ADB_SERVER_PORT chooses the adb server)';
  if (choice.serial !== undefined) {
    const device = devices.find((entry) => entry.serial === choice.serial);
    if (!device) throw new HarnessError('USAGE', `no device ${choice.serial} is attached to ${where} (attached: ${listed})`, { hint });
    if (device.state !== 'device') throw new HarnessError('USAGE', `device ${choice.serial} is ${device.state}, not online, on ${where}`, { hint: 'wait until `adb devices` lists it as "device" (unlock it and accept the USB debugging prompt on a phone)' });
    return { serial: device.serial, avd: device.isEmulator ? await avdNameOf(env, device.serial, signal) : undefined };
  }
  if (choice.avd !== undefined) {
    for (const device of online.filter((entry) => entry.isEmulator)) {
      const avd = await avdNameOf(env, device.serial, signal);
      if (avd === choice.avd) return { serial: device.serial, avd };
    }
    throw new HarnessError('USAGE', `no running emulator of AVD ${choice.avd} is attached to ${where} (attached: ${listed})`, { hint });
  }
  if (online.length === 1) {
    const [device] = online;
    return { serial: device!.serial, avd: device!.isEmulator ? await avdNameOf(env, device!.serial, signal) : undefined };
  }
  if (online.length === 0) throw new HarnessError('USAGE', `no device is attached to ${where} (attached: ${listed})`, { hint });
  throw new HarnessError('USAGE', `${online.length} devices are attached to ${where}: ${online.map((device) => device.serial).join(', ')}; choose one`, { hint: 'pass --device <serial> or --avd <name>' });
}

export interface AttachedDevice extends ChosenDevice {
  env: AndroidEnv;
  driver: Browser;
  /** Appium's log, in a folder of its own that `close` removes unless told to keep it. */
  appiumLog: string;
  /** Ends the session and the Appium server; `keepLog` leaves Appium's log for the user. */
  close(options?: { keepLog?: boolean }): Promise<void>;
}

/** The tool's Android environment: the user's SDK and adb server, as `devices` uses them. */
export function authoringAndroidEnv(env: NodeJS.ProcessEnv): AndroidEnv {
  return resolveAndroidEnv({ env });
}

/** Starts Appium and opens a session on the chosen device; everything started is stopped again on failure. */
export async function attachDevice(env: AndroidEnv, processEnv: NodeJS.ProcessEnv, device: ChosenDevice, signal: AbortSignal): Promise<AttachedDevice> {
  const ports = resolveRoundPorts(processEnv);
  const logDir = await mkdtemp(join(tmpdir(), 'stalkerbench-appium-'));
  const appiumLog = join(logDir, 'appium.log');
  let appium: AppiumServer | undefined;
  let driver: Browser | undefined;
  const close = async (options: { keepLog?: boolean } = {}): Promise<void> => {
    await closeSession(driver);
    await appium?.stop();
    if (!options.keepLog) await rm(logDir, { recursive: true, force: true });
  };
  try {
    appium = await startAppium({ port: await findFreePort(ports.appium), env: env.childEnv, logFile: appiumLog, signal });
    driver = await openSession(appium.url, {
      udid: device.serial, adbPort: env.adbServerPort, systemPort: await findFreePort(ports.caseSystemPorts), preparedSnapshot: false,
      ...(device.avd === undefined ? {} : { avd: device.avd }),
    }, signal);
  } catch (error) {
    await close({ keepLog: true });
    if (error instanceof HarnessError) {
      throw new HarnessError(error.code, error.message, { cause: error, details: error.details, hint: `Appium's log is kept at ${appiumLog}` });
    }
    throw error;
  }
  return { ...device, env, driver, appiumLog, close };
}
