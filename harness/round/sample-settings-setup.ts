/**
 * A sample set up the abuser's way, through the phone's own screens: installed from a file through
 * the package installer (`install: sideload`, as a browser download is — Android 13 then restricts
 * its accessibility and notification access), and its special access granted in Settings
 * (`setupVia: settings`, or `grantSpecialAccess` steps), lifting "restricted settings" in App info
 * when Android asks. adb commands are argv arrays; the UI is driven through the Appium session.
 */
import { basename } from 'node:path';
import type { ApkIdentity } from '../apk/types.ts';
import type { AndroidEnv } from '../android/index.ts';
import { runAdb, runDeviceShell } from '../android/index.ts';
import type { FlowContext } from '../appium/flow-interpreter.ts';
import type { ResolvedSample, SetupStep } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { grantSpecialAccess, type GrantRequest, type Shell } from '../flow/special-access/index.ts';
import { waitForFirst, type UiRuntime } from '../flow/special-access/settings-ui.ts';
import { runtimePermissionsOf } from '../ingest/runtime-permissions.ts';

export interface SettingsSetupContext {
  env: AndroidEnv;
  serial: string;
  sample: ResolvedSample;
  identity: ApkIdentity;
  flow: () => Promise<FlowContext>;
  signal: AbortSignal;
}

/** The adb shell of the case's device as a grant's `Shell`. */
export function adbShell(context: Pick<SettingsSetupContext, 'env' | 'serial' | 'signal'>): Shell {
  return async (argv) => {
    const result = await runDeviceShell(context.env, context.serial, argv, { signal: context.signal, reject: false, timeoutMs: 30_000 });
    return { output: `${result.stdout}${result.stderr}`, ok: result.exitCode === 0 };
  };
}

const ENABLE_ACCESS: Readonly<Record<string, GrantRequest['access']>> = {
  enableAccessibilityService: 'accessibility',
  enableNotificationListener: 'notificationListener',
  enableDeviceAdmin: 'deviceAdmin',
};

/** The grant a setup step stands for when it goes through Settings; undefined for every other step. */
export function settingsGrantOf(step: SetupStep, sample: ResolvedSample): GrantRequest | undefined {
  const label = sample.label;
  if (step.action === 'grantSpecialAccess') {
    return { ...step.args, package: step.args.package ?? sample.package, ...(step.args.label ?? label ? { label: step.args.label ?? label } : {}) } as GrantRequest;
  }
  const access = ENABLE_ACCESS[step.action];
  if (access === undefined || sample.setupVia !== 'settings') return undefined;
  return { access, package: sample.package, via: 'settings', component: step.args as string, allowRestrictedSettings: true, ...(label ? { label } : {}) };
}

export async function runSettingsGrant(context: SettingsSetupContext, request: GrantRequest, index: number, action: string): Promise<void> {
  const flow = await context.flow();
  await grantSpecialAccess({
    driver: flow.driver, shell: adbShell(context), signal: context.signal, timeoutMs: Math.max(flow.defaultStepTimeoutMs, 5000),
    capture: (name) => flow.capture(name),
  }, { ...request, label: request.label ?? context.identity.label }, `sample ${context.sample.id} setup step ${index + 1} (${action})`);
}

function fail(context: SettingsSetupContext, message: string): HarnessError {
  return new HarnessError('FLOW_STEP_FAILED', `sample ${context.sample.id} sideload install on ${context.serial}: ${message}`, {
    hint: 'compare the capture with the package installer screens in simulator/README.md ("Sideloading"); or install with adb (install: adb)',
  });
}

/**
 * Replaces the adb install with a sideload: the APK goes to /sdcard/Download, the adb-installed copy
 * is removed, and the package installer installs the file ("Install unknown apps" is allowed for the
 * source when the phone asks). The runtime permissions `grantRuntimePermissions: all` gave with -g
 * are granted again with `pm grant`, as the abuser's taps on the permission dialogs would.
 */
export async function sideloadSample(context: SettingsSetupContext): Promise<void> {
  const shell = adbShell(context);
  const target = `/sdcard/Download/${basename(context.sample.file).replace(/[^\w.-]/g, '_')}`;
  await runAdb(context.env, context.serial, ['push', context.sample.file, target], { signal: context.signal, timeoutMs: 120_000 });
  await shell(['pm', 'uninstall', context.sample.package]);
  const flow = await context.flow();
  const ui: UiRuntime = { driver: flow.driver, shell, signal: context.signal, timeoutMs: Math.max(flow.defaultStepTimeoutMs, 5000) };
  const started = await shell(['am', 'start', '-a', 'android.intent.action.VIEW', '-d', `file://${target}`, '-t', 'application/vnd.android.package-archive']);
  if (!started.ok || /^Error/m.test(started.output)) throw fail(context, `the package installer did not open: ${started.output.trim()}`);
  const tapFirst = async (texts: readonly string[], what: string): Promise<number> => {
    const found = await waitForFirst(ui, texts.map((text) => ({ text })));
    if (found.index === -1) {
      await flow.capture('sideload-failed').catch(() => undefined);
      throw fail(context, `${what} did not show`);
    }
    await flow.driver.elementClick(found.id);
    return found.index;
  };
  if ((await tapFirst(['Install', 'Settings'], 'the install confirmation')) === 1) {
    await tapFirst(['Allow from this source'], '"Install unknown apps" → Allow from this source');
    await tapFirst(['Install'], 'the install confirmation');
  }
  await tapFirst(['Done'], '"App installed."');
  const installed = await shell(['pm', 'path', context.sample.package]);
  if (!installed.ok) throw fail(context, 'the package manager does not list the sample after the install');
  const grant = context.sample.setup.find((step) => step.action === 'grantRuntimePermissions');
  if (grant === undefined || grant.args === 'all') {
    for (const permission of runtimePermissionsOf(context.identity.permissions)) await shell(['pm', 'grant', context.sample.package, permission]);
  }
}
