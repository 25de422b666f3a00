/**
 * Faults of the Android side for `stalkerbench fault <name>` (registered in
 * simulator/console/console-fault-registry.ts): the UiAutomator2 server dies, an app's main thread
 * blocks (the ANR follows 5 s after the next tap, app-anr.ts) or it crashes (app-crash.ts: "has
 * stopped"/"keeps stopping" only as Android 13 shows them), a scan never ends. Only a running app
 * can hang or crash.
 */
import type { ConsoleFault } from '../../console/faults.ts';
import type { VirtualDevice } from '../../device/contracts.ts';
import type { VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import type { AppController } from '../app-controller.ts';
import { ProductRuntime } from '../product/product-runtime.ts';
import { USER_APP_INFO_FLAGS, writeEvent } from './event-log.ts';

const UIA2_SERVER = 'io.appium.uiautomator2.server';

function androidOf(device: VirtualDevice): VirtualAndroidDevice {
  if (!('apps' in device) || !('instrumentations' in device)) throw new Error('this device has no virtual apps');
  return device as VirtualAndroidDevice;
}

function controllerOf(device: VirtualDevice, args: readonly string[]): AppController {
  const [packageName] = args;
  if (!packageName) throw new Error('name the package, e.g. com.sentinelav.mobile');
  const controller = androidOf(device).apps.controller(packageName);
  if (!controller) throw new Error(`${packageName} is not installed or has no behaviour file`);
  return controller;
}

function runningControllerOf(device: VirtualDevice, args: readonly string[]): AppController {
  const controller = controllerOf(device, args);
  if (controller.device.processes.byPackage(controller.packageName) === undefined) throw new Error(`${controller.packageName} is not running`);
  return controller;
}

export const APP_FAULTS: readonly ConsoleFault[] = [
  {
    name: 'uia2-crash',
    description: 'the UiAutomator2 server process dies (am instrument ends, its port stops answering)',
    run: async (_args, context) => {
      const device = androidOf(context.device);
      const running = [...device.instrumentations.values()].filter((entry) => entry.targetPackage === UIA2_SERVER);
      if (running.length === 0) throw new Error('no UiAutomator2 server is running');
      const pid = device.processes.byPackage(UIA2_SERVER)?.pid ?? 0;
      for (const message of ['FATAL EXCEPTION: UiAutomator2Server', `Process: ${UIA2_SERVER}, PID: ${pid}`, 'java.lang.IllegalStateException: UiAutomation not connected']) {
        device.log({ buffer: 'crash', pid, tid: pid, priority: 'E', tag: 'AndroidRuntime', message });
      }
      writeEvent(device, 'am_crash', [0, pid, UIA2_SERVER, USER_APP_INFO_FLAGS, 'java.lang.IllegalStateException', 'UiAutomation not connected', 'UiAutomation.java', 1071, 0]);
      for (const entry of running) await entry.stop();
      device.logSystem('ActivityManager', `Process ${UIA2_SERVER} (pid ${pid}) has died: fg  FGS`);
      return [`${UIA2_SERVER} crashed`];
    },
  },
  {
    name: 'app-hang',
    description: "app-hang <package>: the app's main thread blocks; 5 s after the next tap Android logs the ANR and shows \"isn't responding\"",
    run: (args, context) => {
      runningControllerOf(context.device, args).hang();
    },
  },
  {
    name: 'app-crash',
    description: 'app-crash <package>: the app crashes with an uncaught exception (a dialog only for a repeated crash or with show_first_crash_dialog)',
    run: (args, context) => {
      void runningControllerOf(context.device, args).crash('java.lang.NullPointerException: Attempt to invoke virtual method on a null object reference');
    },
  },
  {
    name: 'scan-stall',
    description: "scan-stall <package> [off]: the product's scans stop half-way and never finish",
    run: (args, context) => {
      const role = controllerOf(context.device, args).role;
      if (!(role instanceof ProductRuntime)) throw new Error(`${args[0] ?? ''} is not a security product`);
      role.stallScans = args[1] !== 'off';
    },
  },
];
