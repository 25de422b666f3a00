/** `dumpsys [-l] [service [args…]]`: the services the harness, appium-adb and the driver read. */
import type { AndroidModel } from '../../device/android-model.ts';
import type { CommandContext } from '../command.ts';
import { dumpActivity } from './dumpsys-activity.ts';
import { dumpDevicePolicy } from './dumpsys-device-policy.ts';
import { dumpNotification } from './dumpsys-notification.ts';
import { formatPackageDump } from './dumpsys-package.ts';
import { dumpAccessibility, dumpBattery, dumpDeviceIdle, dumpDisplay, dumpInputMethod, dumpSurfaceFlinger } from './dumpsys-system.ts';
import { dumpPower, dumpWindow } from './dumpsys-window.ts';

type Dumper = (device: AndroidModel, args: readonly string[]) => string;

const SERVICES = new Map<string, Dumper>([
  ['accessibility', (device) => dumpAccessibility(device)],
  ['activity', dumpActivity],
  ['battery', () => dumpBattery()],
  ['deviceidle', dumpDeviceIdle],
  ['device_policy', (device) => dumpDevicePolicy(device)],
  ['display', (device) => dumpDisplay(device)],
  ['input_method', (device) => dumpInputMethod(device)],
  ['notification', dumpNotification],
  ['package', (device, args) => dumpPackage(device, args)],
  ['power', (device) => dumpPower(device)],
  ['SurfaceFlinger', dumpSurfaceFlinger],
  ['window', dumpWindow],
]);

/** Services that exist on a device but whose dump nobody here reads: they print a plausible header. */
const OTHER_SERVICES = [
  'account', 'alarm', 'appops', 'audio', 'backup', 'bluetooth_manager', 'clipboard', 'connectivity', 'content',
  'cpuinfo', 'diskstats', 'dropbox', 'gfxinfo', 'input', 'jobscheduler',
  'location', 'media.camera', 'meminfo', 'mount', 'netstats', 'permission', 'procstats', 'sensorservice',
  'settings', 'statusbar', 'telephony.registry', 'uimode', 'usagestats', 'user', 'vibrator', 'wifi',
];

export function runDumpsys(context: CommandContext): number {
  const args = [...context.args];
  // Leading dumpsys options with a value (`-t 10`, `-T 1000`, `--priority HIGH`) select nothing here.
  while (args[0] === '-t' || args[0] === '-T' || args[0] === '--priority') args.splice(0, 2);
  const [service, ...rest] = args;
  if (service === '-l') {
    const names = [...SERVICES.keys(), ...OTHER_SERVICES].sort((a, b) => a.localeCompare(b));
    context.stdout(`Currently running services:\n${names.map((name) => `  ${name}\n`).join('')}`);
    return 0;
  }
  if (service === undefined) {
    for (const [name, dump] of SERVICES) {
      context.stdout(`-------------------------------------------------------------------------------\nDUMP OF SERVICE ${name}:\n${dump(context.device, [])}`);
    }
    return 0;
  }
  const dump = SERVICES.get(service);
  if (dump !== undefined) {
    context.stdout(dump(context.device, rest));
    return 0;
  }
  if (OTHER_SERVICES.includes(service)) {
    context.stdout(`${service.toUpperCase()} (dumpsys ${service})\n`);
    return 0;
  }
  context.stderr(`Can't find service: ${service}\n`);
  return 0;
}

function dumpPackage(device: AndroidModel, args: readonly string[]): string {
  const name = args.find((arg) => !arg.startsWith('-'));
  if (name === undefined) {
    return device.packages.all().map((record) => formatPackageDump(device, record.packageName)).join('');
  }
  return formatPackageDump(device, name);
}
