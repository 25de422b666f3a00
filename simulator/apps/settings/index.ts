/**
 * Settings' special-access pages and the package installer's APK view on a device: registers their
 * intents with the shell's `am start -a …` (device/system-intents.ts) and takes their taps.
 */
import { registerSystemIntentHandler } from '../../device/system-intents.ts';
import type { UiEvent } from '../../ui/index.ts';
import type { Device, SystemScreenBroker } from '../system-screens/system-screen-broker.ts';
import { startPackageInstaller } from './package-installer.ts';
import { SettingsApp } from './settings-app.ts';
import { startSettingsIntent } from './settings-intents.ts';

export interface AttachedSettings {
  handleEvent(event: UiEvent): boolean;
  reset(): void;
  detach(): void;
}

export function attachSettings(device: Device, broker: SystemScreenBroker): AttachedSettings {
  const settings = new SettingsApp(device);
  registerSystemIntentHandler(device, (intent) => startPackageInstaller(settings, broker, intent) ?? startSettingsIntent(settings, intent));
  return {
    handleEvent: (event) => settings.handleEvent(event),
    reset: () => settings.reset(),
    detach: () => registerSystemIntentHandler(device, undefined),
  };
}

export { hasAccess, isRestricted, restrictedMode, setAccess, ACCESS_KINDS, type AccessKind } from './special-access-state.ts';
