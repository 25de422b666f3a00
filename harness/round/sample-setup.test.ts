import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentity } from '../apk/index.ts';
import type { ApkIdentity } from '../apk/types.ts';
import { loadSampleCatalogue, setupStepSchema, type ResolvedSample, type SetupStep } from '../config/index.ts';
import { isHarnessError } from '../errors/index.ts';
import { commandsForSetupAction, grantsAllAtInstall } from './sample-setup.ts';
import { explainRefusal, findShellRefusals } from './setup-refusals.ts';

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
    expect(await commandsForSetupAction(step('startService', { component: '.service.SyncService', via: 'root' }), sample, identity, get))
      .toEqual([['am', 'start-foreground-service', '-n', 'com.systemservice/.service.SyncService']]);
    expect(await commandsForSetupAction(step('grantRuntimePermissions', ['android.permission.READ_SMS']), sample, identity, get))
      .toEqual([['pm', 'grant', 'com.systemservice', 'android.permission.READ_SMS']]);
    // `all` is done at install time with -g.
    expect(await commandsForSetupAction(step('grantRuntimePermissions', 'all'), sample, identity, get)).toEqual([]);
  });

  it('hides and launches through the launcher activity read from the APK', async () => {
    expect(identity.launchableActivity).toBeDefined();
    const get = settings({});
    expect(await commandsForSetupAction(step('hideLauncherIcon', { via: 'root' }), sample, identity, get))
      .toEqual([['pm', 'disable', `com.systemservice/${identity.launchableActivity}`]]);
    expect(await commandsForSetupAction(step('launch', true), sample, identity, get))
      .toEqual([['am', 'start', '-W', '-n', `com.systemservice/${identity.launchableActivity}`]]);
    expect(await commandsForSetupAction(step('launch', '.ui.SetupActivity'), sample, identity, get))
      .toEqual([['am', 'start', '-W', '-n', 'com.systemservice/.ui.SetupActivity']]);
  });

  it('refuses to launch a sample without a launcher activity (FLOW_STEP_FAILED), hides nothing for it', async () => {
    const headless: ApkIdentity = { ...identity, launchableActivity: undefined };
    await expect(commandsForSetupAction(step('launch', true), sample, headless, settings({}))).rejects.toSatisfy((error) => isHarnessError(error, 'FLOW_STEP_FAILED'));
    expect(await commandsForSetupAction(step('hideLauncherIcon', { via: 'root' }), sample, headless, settings({}))).toEqual([]);
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

describe('setup steps and the identity they run as (via)', () => {
  const parse = (value: unknown): SetupStep => setupStepSchema.parse(value);

  it('reads the short forms as via: shell and the long forms as written; a typo fails', () => {
    expect(parse({ startService: '.service.SyncService' })).toEqual({ action: 'startService', args: { component: '.service.SyncService', via: 'shell' } });
    expect(parse({ startService: { component: '.service.SyncService', via: 'root' } })).toEqual({ action: 'startService', args: { component: '.service.SyncService', via: 'root' } });
    expect(parse('hideLauncherIcon')).toEqual({ action: 'hideLauncherIcon', args: { via: 'shell' } });
    expect(parse({ hideLauncherIcon: { via: 'root' } })).toEqual({ action: 'hideLauncherIcon', args: { via: 'root' } });
    expect(setupStepSchema.safeParse({ startService: { component: '.S', via: 'su' } }).success).toBe(false);
    expect(setupStepSchema.safeParse({ hideLauncherIcon: { as: 'root' } }).success).toBe(false);
  });

  it('tells from the manifest which shell steps Android will refuse, naming the rule and what to do', () => {
    const viaShell = { ...sample, setup: [parse({ startService: '.service.SyncService' }), parse('hideLauncherIcon')] };
    const refusals = findShellRefusals(viaShell, identity);
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toContain('setup step 1 (startService): Android refuses the shell user to start the non-exported service com.systemservice/.service.SyncService (ActiveServices: not exported)');
    expect(refusals[0]).toContain('`via: root` on a debuggable image');
    expect(refusals[1]).toContain('Shell cannot change component state');
    const viaRoot = { ...sample, setup: [parse({ startService: { component: '.service.SyncService', via: 'root' } }), parse({ hideLauncherIcon: { via: 'root' } })] };
    expect(findShellRefusals(viaRoot, identity)).toEqual([]);
    // An android:testOnly app lets the shell change its components.
    expect(findShellRefusals({ ...sample, setup: [parse('hideLauncherIcon')] }, { ...identity, testOnly: true })).toEqual([]);
  });

  it('accepts the demo catalogue: its shell steps are all allowed', () => {
    expect(findShellRefusals(sample, identity)).toEqual([]);
  });

  it('names the rule behind a device refusal', () => {
    expect(explainRefusal('Error: Requires permission not exported from uid 10150\n', ['am', 'start-foreground-service', '-n', 'com.x/.Svc'])).toMatch(/^Android refuses the shell user to start the non-exported service com\.x\/\.Svc/);
    expect(explainRefusal('adbd cannot run as root in production builds\n', ['root'])).toContain('this image does not allow adb root');
    expect(explainRefusal('Error: Not found; no service started.\n', ['am', 'startservice', '-n', 'com.x/.Svc'])).toBeUndefined();
  });
});
