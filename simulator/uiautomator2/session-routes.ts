/** Status, sessions, settings, timeouts and device facts. */
import { randomUUID } from 'node:crypto';
import { readDeviceInfo, readPixelRatio, readStatusBarHeight } from './device-info.ts';
import { ElementStore } from './element-store.ts';
import { readBodyField, type Route } from './server-state.ts';
import { createDefaultSettings, type SettingsValue } from './session-settings.ts';
import { invalidArgument, invalidSession } from './uia2-error.ts';

/** alwaysMatch merged with firstMatch[0], `appium:` prefixes dropped (W3CCapsUtils.parseCapabilities). */
export function mergeCapabilities(capabilities: unknown): Record<string, unknown> {
  const caps = (capabilities ?? {}) as { alwaysMatch?: Record<string, unknown>; firstMatch?: Array<Record<string, unknown>> };
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...caps.alwaysMatch, ...caps.firstMatch?.[0] })) {
    merged[key.replace(/^appium:/, '')] = value;
  }
  return merged;
}

export const SESSION_ROUTES: Route[] = [
  { method: 'GET', pattern: '/status', name: 'Status', noSession: true,
    handle: () => ({ ready: true, message: 'UiAutomator2 Server is ready to accept commands' }) },
  { method: 'GET', pattern: '/sessions', name: 'GetSessions', noSession: true,
    handle: ({ state }) => (state.session ? [{ id: state.session.id, capabilities: state.session.merged }] : []) },
  { method: 'POST', pattern: '/session', name: 'NewSession', noSession: true,
    handle: ({ state, body }) => {
      const capabilities = readBodyField(body, 'capabilities');
      if (capabilities === undefined || capabilities === null) throw invalidArgument("'capabilities' are mandatory for session creation");
      // One session at a time: a new session replaces the old one, as AppiumUIA2Driver.initializeSession does.
      const id = randomUUID();
      state.session = { id, capabilities, merged: mergeCapabilities(capabilities), elements: new ElementStore(), settings: createDefaultSettings() };
      return { sessionId: id, capabilities };
    } },
  { method: 'GET', pattern: '/session/:sessionId', name: 'GetSessionDetails',
    handle: ({ session }) => session.merged },
  { method: 'DELETE', pattern: '/session/:sessionId', name: 'DeleteSession', noSession: true,
    handle: ({ state, params }) => {
      if (!state.session || state.session.id !== params['sessionId']) throw invalidSession(params['sessionId']);
      state.session = undefined;
      // The real server stops the instrumentation 15 ms after answering; stopping first lets
      // `am instrument -w` end before the driver polls `ps`, so deleteSession does not wait.
      state.requestStop();
      return null;
    } },
  { method: 'GET', pattern: '/session/:sessionId/appium/settings', name: 'GetSettings',
    handle: ({ session }) => session.settings },
  { method: 'POST', pattern: '/session/:sessionId/appium/settings', name: 'UpdateSettings',
    handle: ({ session, body }) => {
      const settings = readBodyField(body, 'settings');
      if (typeof settings !== 'object' || settings === null) throw invalidArgument("'settings' must be an object");
      Object.assign(session.settings, settings as Record<string, SettingsValue>);
      return session.settings;
    } },
  { method: 'POST', pattern: '/session/:sessionId/timeouts', name: 'Timeouts', handle: () => null },
  { method: 'GET', pattern: '/session/:sessionId/appium/device/pixel_ratio', name: 'GetDevicePixelRatio',
    handle: ({ state }) => readPixelRatio(state.device.profile) },
  { method: 'GET', pattern: '/session/:sessionId/appium/device/display_density', name: 'GetDisplayDensity',
    handle: ({ state }) => state.device.profile.density },
  { method: 'GET', pattern: '/session/:sessionId/appium/device/system_bars', name: 'GetSystemBars',
    handle: ({ state }) => ({ statusBar: readStatusBarHeight(state.device.profile) }) },
  { method: 'GET', pattern: '/session/:sessionId/window/:windowHandle/size', name: 'GetDeviceSize',
    handle: ({ state }) => ({ width: state.device.profile.screenWidth, height: state.device.profile.screenHeight }) },
  { method: 'GET', pattern: '/session/:sessionId/appium/device/info', name: 'GetDeviceInfo',
    handle: ({ state }) => readDeviceInfo(state.device.profile, state.device.serial) },
  { method: 'GET', pattern: '/session/:sessionId/appium/device/battery_info', name: 'GetBatteryInfo',
    handle: () => ({ level: 1, status: 5 }) },
  { method: 'GET', pattern: '/session/:sessionId/orientation', name: 'GetOrientation', handle: () => 'PORTRAIT' },
  { method: 'GET', pattern: '/session/:sessionId/rotation', name: 'GetRotation', handle: () => ({ x: 0, y: 0, z: 0 }) },
  { method: 'GET', pattern: '/session/:sessionId/appium/device/declared_orientation', name: 'GetDeclaredOrientation', handle: () => 'PORTRAIT' },
];
