import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentity } from '../apk/index.ts';
import type { ApkIdentity } from '../apk/types.ts';
import { loadSampleCatalogue, type ResolvedSample, type SetupStep } from '../config/index.ts';
import { isHarnessError } from '../errors/index.ts';
import { commandsForSetupAction, grantsAllAtInstall } from './sample-setup.ts';

const CATALOGUE = fileURLToPath(new URL('../../scenarios/samples/demo-catalogue.yaml', import.meta.url));

let sample: ResolvedSample;
let identity: ApkIdentity;
beforeAll(async () => {
  const catalogue = await loadSampleCatalogue(CATALOGUE);
  const found = catalogue.samples.find((s) => s.id === 'thetruthspy');
  if (!found) throw new Error('the demo catalogue has no thetruthspy sample');
  sample = found;
  identity = await readApkIdentity(sample.file);
});

/** A settings table standing in for the device's `settings get`. */
function settings(values: Record<string, string>): (namespace: string, key: string) => Promise<string> {
  return async (namespace, key) => values[`${namespace}/${key}`] ?? 'null';
}

const step = (action: string, args: unknown): SetupStep => ({ action, args }) as SetupStep;

describe('commandsForSetupAction', () => {
  it('returns argv arrays, never shell lines: each argument one element, data never split or joined', async () => {
    const commands = await commandsForSetupAction(step('enableDeviceAdmin', '.receiver.DeviceAdminReceiver'), sample, identity, settings({}));
    expect(commands).toEqual([['dpm', 'set-active-admin', '--user', 'current', 'com.systemservice/.receiver.DeviceAdminReceiver']]);
    for (const argv of commands) for (const arg of argv) expect(arg).not.toMatch(/\s/);
  });

  it('appends an accessibility service to those already enabled, joined with ":" as Android stores them', async () => {
    const existing = 'com.other.app/.A11y';
    const commands = await commandsForSetupAction(step('enableAccessibilityService', '.service.SystemAccessibilityService'), sample, identity, settings({ 'secure/enabled_accessibility_services': `${existing}\n` }));
    expect(commands).toEqual([
      ['settings', 'put', 'secure', 'enabled_accessibility_services', `${existing}:com.systemservice/.service.SystemAccessibilityService`],
      ['settings', 'put', 'secure', 'accessibility_enabled', '1'],
    ]);
  });

  it('starts the list when none is enabled ("null"), and does not add a service twice', async () => {
    const service = 'com.systemservice/.service.SystemAccessibilityService';
    const fresh = await commandsForSetupAction(step('enableAccessibilityService', '.service.SystemAccessibilityService'), sample, identity, settings({}));
    expect(fresh[0]?.[4]).toBe(service);
    const again = await commandsForSetupAction(step('enableAccessibilityService', '.service.SystemAccessibilityService'), sample, identity, settings({ 'secure/enabled_accessibility_services': `a/.B:${service}` }));
    expect(again[0]?.[4]).toBe(`a/.B:${service}`);
  });

  it('maps the other structured actions to the commands Android accepts', async () => {
    const get = settings({});
    expect(await commandsForSetupAction(step('enableNotificationListener', '.service.NotificationSyncService'), sample, identity, get))
      .toEqual([['cmd', 'notification', 'allow_listener', 'com.systemservice/.service.NotificationSyncService']]);
    expect(await commandsForSetupAction(step('startService', '.service.SyncService'), sample, identity, get))
      .toEqual([['am', 'start-foreground-service', '-n', 'com.systemservice/.service.SyncService']]);
    expect(await commandsForSetupAction(step('grantRuntimePermissions', ['android.permission.READ_SMS']), sample, identity, get))
      .toEqual([['pm', 'grant', 'com.systemservice', 'android.permission.READ_SMS']]);
    // `all` is done at install time with -g.
    expect(await commandsForSetupAction(step('grantRuntimePermissions', 'all'), sample, identity, get)).toEqual([]);
  });

  it('hides and launches through the launcher activity read from the APK', async () => {
    expect(identity.launchableActivity).toBeDefined();
    const get = settings({});
    expect(await commandsForSetupAction(step('hideLauncherIcon', true), sample, identity, get))
      .toEqual([['pm', 'disable', `com.systemservice/${identity.launchableActivity}`]]);
    expect(await commandsForSetupAction(step('launch', true), sample, identity, get))
      .toEqual([['am', 'start', '-W', '-n', `com.systemservice/${identity.launchableActivity}`]]);
    expect(await commandsForSetupAction(step('launch', '.ui.SetupActivity'), sample, identity, get))
      .toEqual([['am', 'start', '-W', '-n', 'com.systemservice/.ui.SetupActivity']]);
  });

  it('refuses to launch a sample without a launcher activity (FLOW_STEP_FAILED), hides nothing for it', async () => {
    const headless: ApkIdentity = { ...identity, launchableActivity: undefined };
    await expect(commandsForSetupAction(step('launch', true), sample, headless, settings({}))).rejects.toSatisfy((error) => isHarnessError(error, 'FLOW_STEP_FAILED'));
    expect(await commandsForSetupAction(step('hideLauncherIcon', true), sample, headless, settings({}))).toEqual([]);
  });

  it('leaves UI steps to the flow interpreter (no device command)', async () => {
    expect(await commandsForSetupAction(step('tap', { id: 'com.systemservice:id/start_monitoring' }), sample, identity, settings({}))).toEqual([]);
  });
});

describe('grantsAllAtInstall', () => {
  it('installs with every runtime permission unless the setup lists specific ones', () => {
    expect(grantsAllAtInstall(sample)).toBe(true);
    expect(grantsAllAtInstall({ ...sample, setup: [] })).toBe(true);
    expect(grantsAllAtInstall({ ...sample, setup: [step('grantRuntimePermissions', ['android.permission.READ_SMS'])] })).toBe(false);
  });
});
