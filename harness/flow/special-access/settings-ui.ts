/**
 * Granting special access through Android 13's Settings screens, as a person does: open the page the
 * way an app's "open settings" button does (its intent action, `am start -a …`), find the app, turn
 * the switch on, confirm. Each access's path follows packages/apps/Settings (see the simulator's
 * simulator/apps/settings/settings-intents.ts, which models the same pages):
 *   allFiles             MANAGE_APP_ALL_FILES_ACCESS_PERMISSION package:<pkg> → "Allow access to manage all files"
 *   usage                USAGE_ACCESS_SETTINGS package:<pkg> → "Permit usage access"
 *   notificationListener NOTIFICATION_LISTENER_DETAIL_SETTINGS <component> → "Allow notification access" → Allow
 *   accessibility        ACCESSIBILITY_SETTINGS → the app under "Downloaded apps" → "Use <label>" → Allow
 *   overlay              MANAGE_OVERLAY_PERMISSION (Android 11+ always the list) → the app → "Allow display over other apps"
 *   batteryOptimization  REQUEST_IGNORE_BATTERY_OPTIMIZATIONS package:<pkg> → "Let app always run in background?" → Allow
 *   deviceAdmin          ADD_DEVICE_ADMIN <component> → "Activate this device admin app"
 *   postNotifications    APP_NOTIFICATION_SETTINGS <pkg> → "All <label> notifications"
 * A "Restricted setting" dialog (Android 13, app installed from a file) is answered OK, then App info
 * → ⋮ → "Allow restricted settings", and the path is walked again.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import { toLocator } from '../../appium/locate.ts';
import type { Selector } from '../../config/selector-schema.ts';
import type { GrantFailureReason, SpecialAccessName } from './access-args.ts';
import type { Shell } from './device-state.ts';

export interface UiRuntime {
  driver: Browser;
  shell: Shell;
  signal: AbortSignal;
  /** How long to wait for each screen. */
  timeoutMs: number;
}

export class GrantFailure extends Error {
  readonly reason: GrantFailureReason;
  constructor(reason: GrantFailureReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

type Look = { text: string } | { textContains: string } | { desc: string } | { id: string };

function elementId(reference: Record<string, string>): string {
  return reference['element-6066-11e4-a52e-4f735466cecf'] ?? reference['ELEMENT'] ?? '';
}

async function find(ui: UiRuntime, look: Look): Promise<string | undefined> {
  const locator = toLocator(look as Selector);
  const found = (await ui.driver.findElements(locator.using, locator.value)) as unknown as Array<Record<string, string>>;
  return found.length === 0 ? undefined : elementId(found[0] ?? {});
}

/** Waits for the first of several elements; its index, or -1 when none showed within the budget. */
export async function waitForFirst(ui: UiRuntime, looks: readonly Look[], timeoutMs = ui.timeoutMs): Promise<{ index: number; id: string }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    ui.signal.throwIfAborted();
    for (const [index, look] of looks.entries()) {
      const id = await find(ui, look);
      if (id) return { index, id };
    }
    if (performance.now() > deadline) return { index: -1, id: '' };
    await delay(200, undefined, { signal: ui.signal });
  }
}

async function tap(ui: UiRuntime, look: Look, what: string): Promise<void> {
  const { id } = await waitForFirst(ui, [look]);
  if (!id) throw new GrantFailure('ui-changed', `${what} (${JSON.stringify(look)}) did not show within ${ui.timeoutMs} ms`);
  await ui.driver.elementClick(id);
}

async function start(ui: UiRuntime, argv: readonly string[]): Promise<void> {
  const { output, ok } = await ui.shell(['am', 'start', ...argv]);
  if (!ok || /^Error/m.test(output)) throw new GrantFailure('not-listed', `\`am start ${argv.join(' ')}\` was refused: ${output.trim().split('\n').at(-1) ?? ''}`);
}

const RESTRICTED = { text: 'Restricted setting' } as const;
const SWITCH = { id: 'android:id/switch_widget' } as const;

/** The label Settings shows for the app: App info's header. */
export async function readLabel(ui: UiRuntime, packageName: string): Promise<string> {
  await start(ui, ['-a', 'android.settings.APPLICATION_DETAILS_SETTINGS', '-d', `package:${packageName}`]);
  const { id } = await waitForFirst(ui, [{ id: 'com.android.settings:id/entity_header_title' }]);
  if (!id) throw new GrantFailure('ui-changed', `App info of ${packageName} showed no app name`);
  return ui.driver.getElementText(id);
}

/** App info → ⋮ → "Allow restricted settings" (no screen lock on the test phone: no PIN asked). */
export async function allowRestrictedSettings(ui: UiRuntime, packageName: string): Promise<void> {
  await start(ui, ['-a', 'android.settings.APPLICATION_DETAILS_SETTINGS', '-d', `package:${packageName}`]);
  await tap(ui, { desc: 'More options' }, 'App info ⋮ (More options)');
  await tap(ui, { text: 'Allow restricted settings' }, 'App info ⋮ "Allow restricted settings"');
}

/** Turns the page's main switch on (unless it is on) and answers the confirmation with `confirm`. */
async function switchOn(ui: UiRuntime, what: string, confirm?: string): Promise<'done' | 'restricted'> {
  const { index, id } = await waitForFirst(ui, [SWITCH, RESTRICTED]);
  if (index === 1) return 'restricted';
  if (index === -1) throw new GrantFailure('ui-changed', `${what}: the switch did not show within ${ui.timeoutMs} ms`);
  if ((await ui.driver.getElementAttribute(id, 'checked')) === 'true') return 'done';
  await ui.driver.elementClick(id);
  if (confirm === undefined) return 'done';
  const answer = await waitForFirst(ui, [{ text: confirm }, RESTRICTED]);
  if (answer.index === 1) return 'restricted';
  if (answer.index === -1) throw new GrantFailure('ui-changed', `${what}: the "${confirm}" confirmation did not show`);
  await ui.driver.elementClick(answer.id);
  return 'done';
}

/** Taps the app in a list page; `restricted` when Settings answers with the restricted dialog. */
async function openFromList(ui: UiRuntime, label: string, what: string): Promise<'opened' | 'restricted'> {
  const row = await waitForFirst(ui, [{ text: label }]);
  if (!row.id) throw new GrantFailure('not-listed', `${what} does not list "${label}": the app does not declare this access, or its label differs (give label:)`);
  await ui.driver.elementClick(row.id);
  const next = await waitForFirst(ui, [RESTRICTED, SWITCH], 1500);
  return next.index === 0 ? 'restricted' : 'opened';
}

/** Walks the Settings path of one access once; `restricted` when Android 13 refused the switch. */
export async function grantThroughSettings(
  ui: UiRuntime, access: SpecialAccessName, packageName: string, component: string | undefined, label: () => Promise<string>,
): Promise<'done' | 'restricted'> {
  switch (access) {
    case 'allFiles':
      await start(ui, ['-a', 'android.settings.MANAGE_APP_ALL_FILES_ACCESS_PERMISSION', '-d', `package:${packageName}`]);
      return switchOn(ui, 'All files access');
    case 'usage':
      await start(ui, ['-a', 'android.settings.USAGE_ACCESS_SETTINGS', '-d', `package:${packageName}`]);
      return switchOn(ui, 'Usage access');
    case 'notificationListener':
      await start(ui, ['-a', 'android.settings.NOTIFICATION_LISTENER_DETAIL_SETTINGS', '--es', 'android.provider.extra.NOTIFICATION_LISTENER_COMPONENT_NAME', `${packageName}/${component ?? ''}`]);
      return switchOn(ui, 'Notification access', 'Allow');
    case 'accessibility': {
      const name = await label();
      await start(ui, ['-a', 'android.settings.ACCESSIBILITY_SETTINGS']);
      if ((await openFromList(ui, name, 'Accessibility')) === 'restricted') return 'restricted';
      return switchOn(ui, `Accessibility → ${name}`, 'Allow');
    }
    case 'overlay': {
      const name = await label();
      await start(ui, ['-a', 'android.settings.action.MANAGE_OVERLAY_PERMISSION', '-d', `package:${packageName}`]);
      if ((await openFromList(ui, name, 'Display over other apps')) === 'restricted') return 'restricted';
      return switchOn(ui, `Display over other apps → ${name}`);
    }
    case 'batteryOptimization':
      await start(ui, ['-a', 'android.settings.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS', '-d', `package:${packageName}`]);
      await tap(ui, { text: 'Allow' }, '"Let app always run in background?" Allow');
      return 'done';
    case 'deviceAdmin': {
      await start(ui, ['-a', 'android.app.action.ADD_DEVICE_ADMIN', '--ecn', 'android.app.extra.DEVICE_ADMIN', `${packageName}/${component ?? ''}`]);
      const { index, id } = await waitForFirst(ui, [{ text: 'Activate this device admin app' }, { text: 'Deactivate this device admin app' }]);
      if (index === -1) throw new GrantFailure('not-listed', `the device admin activation screen for ${packageName}/${component ?? ''} did not show (is it a receiver with BIND_DEVICE_ADMIN and android.app.device_admin meta-data?)`);
      if (index === 0) await ui.driver.elementClick(id);
      return 'done';
    }
    case 'postNotifications':
      await start(ui, ['-a', 'android.settings.APP_NOTIFICATION_SETTINGS', '--es', 'android.provider.extra.APP_PACKAGE', packageName]);
      return switchOn(ui, 'App notifications');
  }
}
