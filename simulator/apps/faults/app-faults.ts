/**
 * Faults of the Android side for `stalkerbench fault <name>` (registered in
 * simulator/console/console-fault-registry.ts): the UiAutomator2 server dies, an app's UI hangs
 * (ANR dialog after Android's 5 s input timeout) or crashes ("keeps stopping"), a scan never ends.
 */
import type { ConsoleFault } from '../../console/faults.ts';
import type { VirtualDevice } from '../../device/contracts.ts';
import type { VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import type { AppController } from '../app-controller.ts';
import { ProductRuntime } from '../product/product-runtime.ts';

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

export const APP_FAULTS: readonly ConsoleFault[] = [
  {
    name: 'uia2-crash',
    description: 'the UiAutomator2 server process dies (am instrument ends, its port stops answering)',
    run: async (_args, context) => {
      const device = androidOf(context.device);
      const running = [...device.instrumentations.values()].filter((entry) => entry.targetPackage === UIA2_SERVER);
      if (running.length === 0) throw new Error('no UiAutomator2 server is running');
      const pid = device.processes.byPackage(UIA2_SERVER)?.pid ?? 0;
      device.log({ pid, tid: pid, priority: 'E', tag: 'AndroidRuntime', message: 'FATAL EXCEPTION: UiAutomator2Server' });
      device.log({ pid, tid: pid, priority: 'E', tag: 'AndroidRuntime', message: `Process: ${UIA2_SERVER}, PID: ${pid}` });
      device.log({ pid, tid: pid, priority: 'E', tag: 'AndroidRuntime', message: 'java.lang.IllegalStateException: UiAutomation not connected' });
      for (const entry of running) await entry.stop();
      device.logSystem('ActivityManager', `Process ${UIA2_SERVER} (pid ${pid}) has died: fg  FGS`);
      return [`${UIA2_SERVER} crashed`];
    },
  },
  {
    name: 'app-hang',
    description: "app-hang <package>: the app's UI stops responding; Android's ANR dialog follows",
    run: (args, context) => {
      controllerOf(context.device, args).hang();
    },
  },
  {
    name: 'app-crash',
    description: 'app-crash <package>: the app crashes with an uncaught exception ("keeps stopping")',
    run: (args, context) => {
      void controllerOf(context.device, args).crash('java.lang.NullPointerException: Attempt to invoke virtual method on a null object reference');
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
