/**
 * Accessibility services and notification listeners are bound by the system while their component
 * is listed in the secure settings (`enabled_accessibility_services`, `enabled_notification_listeners`):
 * the setting is the truth, and the running services follow it.
 */
import { startService } from './activity-manager.ts';
import type { AndroidModel } from './android-model.ts';

export const BOUND_SERVICE_SETTINGS: Readonly<Record<string, 'accessibility-service' | 'notification-listener'>> = {
  enabled_accessibility_services: 'accessibility-service',
  enabled_notification_listeners: 'notification-listener',
};

export const ACCESSIBILITY_SETTING = 'enabled_accessibility_services';

/**
 * The intent action the system looks services up by: a component listed in the setting but without
 * this intent-filter is never found, so never bound (AccessibilityManagerService
 * `populateInstalledAccessibilityServiceLocked` queries `AccessibilityService.SERVICE_INTERFACE`;
 * ManagedServices `rebindServices` queries `NotificationListenerService.SERVICE_INTERFACE`).
 */
const SERVICE_INTERFACE: Readonly<Record<'accessibility-service' | 'notification-listener', string>> = {
  'accessibility-service': 'android.accessibilityservice.AccessibilityService',
  'notification-listener': 'android.service.notification.NotificationListenerService',
};

/** True while an instrumentation's UiAutomation keeps the other accessibility services unbound. */
export function isAccessibilitySuppressed(device: AndroidModel): boolean {
  return [...device.instrumentations.values()].some((running) => running.suppressesAccessibilityServices);
}

/**
 * Starts listed services that are not running and stops bound ones that are no longer listed.
 * Accessibility services stay unbound, though listed, while UiAutomation suppresses them.
 */
export function syncBoundServices(device: AndroidModel, key: string): void {
  const kind = BOUND_SERVICE_SETTINGS[key];
  if (kind === undefined) return;
  const suppressed = kind === 'accessibility-service' && isAccessibilitySuppressed(device);
  const listed = new Set(suppressed ? [] :
    (device.getSetting('secure', key) ?? '').split(':').filter((entry) => entry.includes('/')).map((entry) => {
      const [packageName = '', cls = ''] = entry.split('/');
      return `${packageName}/${cls.startsWith('.') ? packageName + cls : cls}`;
    }),
  );
  for (const flat of listed) {
    const [packageName = '', className = ''] = flat.split('/');
    const record = device.packages.get(packageName);
    const isKind = record?.components.some((component) => component.name === className && component.kind === kind
      && component.actions.includes(SERVICE_INTERFACE[kind])) ?? false;
    const running = device.processes.services().some((service) => service.packageName === packageName && service.className === className);
    if (isKind && !running) {
      startService(device, packageName, className, false);
      device.logSystem(kind === 'accessibility-service' ? 'AccessibilityManagerService' : 'NotificationListeners', `binding ${flat}`);
    }
  }
  for (const service of [...device.processes.services()]) {
    const record = device.packages.get(service.packageName);
    const isKind = record?.components.some((component) => component.name === service.className && component.kind === kind) ?? false;
    if (isKind && !listed.has(`${service.packageName}/${service.className}`)) {
      device.processes.stopService(service.packageName, service.className);
    }
  }
}
