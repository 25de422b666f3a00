/**
 * Special access as the device keeps it, read and written with adb commands (argv arrays, never
 * shell lines): the check after every grant, the `via: adb` fallbacks, and the app's components
 * and label as `dumpsys package` prints them. Real sources: AppOpsService shell command (`appops`),
 * SettingsProvider (`settings`), DevicePolicyManagerService (`dpm`, `dumpsys device_policy`),
 * DeviceIdleController (`cmd deviceidle whitelist`), NotificationManagerService (`cmd notification
 * allow_listener`), PackageManagerShellCommand (`pm grant`).
 */
import type { SpecialAccessName } from './access-args.ts';

export type Shell = (argv: readonly string[]) => Promise<{ output: string; ok: boolean }>;

/** The intent action a component answers, by access: how `dumpsys package` names it. */
const COMPONENT_ACTION: Partial<Record<SpecialAccessName, string>> = {
  accessibility: 'android.accessibilityservice.AccessibilityService',
  notificationListener: 'android.service.notification.NotificationListenerService',
  deviceAdmin: 'android.app.action.DEVICE_ADMIN_ENABLED',
};

const APP_OP: Partial<Record<SpecialAccessName, string>> = {
  allFiles: 'MANAGE_EXTERNAL_STORAGE',
  usage: 'GET_USAGE_STATS',
  overlay: 'SYSTEM_ALERT_WINDOW',
};

export function needsComponent(access: SpecialAccessName): boolean {
  return COMPONENT_ACTION[access] !== undefined;
}

/** `pkg/.Svc` components listed under the access's action in the package's resolver tables. */
export async function findComponents(shell: Shell, packageName: string, access: SpecialAccessName): Promise<string[]> {
  const action = COMPONENT_ACTION[access];
  if (!action) return [];
  const { output } = await shell(['dumpsys', 'package', packageName]);
  const found: string[] = [];
  let inAction = false;
  for (const line of output.split('\n')) {
    const header = /^\s+([\w.]+):\s*$/.exec(line);
    if (header) {
      inAction = header[1] === action;
      continue;
    }
    const entry = /^\s+[0-9a-f]+ ([\w.]+\/[\w.$]+) filter /.exec(line);
    if (inAction && entry?.[1]?.startsWith(`${packageName}/`) && !found.includes(entry[1])) found.push(entry[1]);
    if (/^\S/.test(line)) inAction = false;
  }
  return found;
}

/** `pkg/.Cls` or `pkg/full.Cls` → `pkg/full.Cls`. */
export function flattenComponent(packageName: string, className: string): string {
  return `${packageName}/${className.startsWith('.') ? `${packageName}${className}` : className}`;
}

function sameComponent(packageName: string, entry: string, component: string | undefined): boolean {
  if (!entry.startsWith(`${packageName}/`)) return false;
  if (component === undefined) return true;
  const cls = entry.slice(packageName.length + 1);
  return flattenComponent(packageName, cls) === flattenComponent(packageName, component);
}

/** Whether the device says the app holds the access (for one component when given). */
export async function holdsAccess(shell: Shell, access: SpecialAccessName, packageName: string, component?: string): Promise<boolean> {
  const op = APP_OP[access];
  if (op) return new RegExp(`^${op}: allow;`, 'm').test((await shell(['appops', 'get', packageName, op])).output);
  switch (access) {
    case 'accessibility':
    case 'notificationListener': {
      const key = access === 'accessibility' ? 'enabled_accessibility_services' : 'enabled_notification_listeners';
      const value = (await shell(['settings', 'get', 'secure', key])).output.trim();
      return value.split(':').some((entry) => sameComponent(packageName, entry, component));
    }
    case 'deviceAdmin': {
      const dump = (await shell(['dumpsys', 'device_policy'])).output;
      return dump.split('\n').some((line) => {
        const admin = /^\s+([\w.]+\/[\w.$]+):\s*$/.exec(line)?.[1];
        return admin !== undefined && sameComponent(packageName, admin, component);
      });
    }
    case 'batteryOptimization':
      return (await shell(['cmd', 'deviceidle', 'whitelist'])).output.split('\n').some((line) => line.startsWith(`user,${packageName},`));
    case 'postNotifications':
      return /android\.permission\.POST_NOTIFICATIONS: granted=true/.test((await shell(['dumpsys', 'package', packageName])).output);
    default:
      return false;
  }
}

/** The adb commands a lab's profile names as the fallback (`via: adb`). */
export async function adbCommands(shell: Shell, access: SpecialAccessName, packageName: string, component: string | undefined): Promise<string[][]> {
  const op = APP_OP[access];
  if (op) return [['appops', 'set', packageName, op, 'allow']];
  const flat = component === undefined ? '' : flattenComponent(packageName, component);
  switch (access) {
    case 'accessibility': {
      const current = (await shell(['settings', 'get', 'secure', 'enabled_accessibility_services'])).output.trim();
      const services = current === '' || current === 'null' ? [] : current.split(':');
      if (!services.includes(flat)) services.push(flat);
      return [
        ['settings', 'put', 'secure', 'enabled_accessibility_services', services.join(':')],
        ['settings', 'put', 'secure', 'accessibility_enabled', '1'],
      ];
    }
    case 'notificationListener':
      return [['cmd', 'notification', 'allow_listener', flat]];
    case 'deviceAdmin':
      return [['dpm', 'set-active-admin', '--user', 'current', flat]];
    case 'batteryOptimization':
      return [['cmd', 'deviceidle', 'whitelist', `+${packageName}`]];
    case 'postNotifications':
      return [['pm', 'grant', packageName, 'android.permission.POST_NOTIFICATIONS']];
    default:
      return [];
  }
}

/** `appops get <pkg> ACCESS_RESTRICTED_SETTINGS`: `deny`/`ignore` while Android 13 restricts the app. */
export async function restrictedSettingsMode(shell: Shell, packageName: string): Promise<string> {
  const { output } = await shell(['appops', 'get', packageName, 'ACCESS_RESTRICTED_SETTINGS']);
  return /^ACCESS_RESTRICTED_SETTINGS: (\w+);/m.exec(output)?.[1] ?? 'default';
}
