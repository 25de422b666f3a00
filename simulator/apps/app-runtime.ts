/**
 * Virtual apps on a device: every installed package whose APK carries a behaviour file gets an
 * AppController; device events (install, removal, launch, force-stop, snapshot load, UiAutomation
 * starting) and UI events (taps on `event` widgets, system screens) are routed to them.
 */
import type { PackageRecord } from '../device/package-record.ts';
import { AppController } from './app-controller.ts';
import { BEHAVIOUR_ENTRY } from './behaviour-schema.ts';
import { loadBehaviourFromApk, type LoadedBehaviour } from './load-behaviour.ts';
import { ProductRuntime } from './product/product-runtime.ts';
import { StalkerwareRuntime } from './stalkerware/stalkerware-runtime.ts';
import { SystemScreenBroker, type Device } from './system-screens/system-screen-broker.ts';
import { reviewPermissions, showDeprecatedTargetWarning, type ReviewedStart } from './system-screens/old-app-warnings.ts';
import { forgetAppWarnings } from '../device/app-warnings.ts';
import { attachSettings } from './settings/index.ts';
import { registerRequiredVerifier } from '../device/package-verifier.ts';
import { verifyWithPlayProtect } from './system-screens/play-protect.ts';

export interface AppRuntime {
  /** The controller of a package with a valid behaviour file. */
  controller(packageName: string): AppController | undefined;
  readonly broker: SystemScreenBroker;
  detach(): void;
}

const RECONCILE_INTERVAL_MS = 250;

export function attachAppRuntime(device: Device): AppRuntime {
  const broker = new SystemScreenBroker(device);
  const settings = attachSettings(device, broker);
  /** System prompts shown on the runtime's own account end with it (detach). */
  const promptSignal = new AbortController();
  const controllers = new Map<string, { sha: string; controller: AppController }>();
  const loaded = new Map<string, LoadedBehaviour>();

  const loadFor = (record: PackageRecord): LoadedBehaviour => {
    const sha = record.apkSha256;
    if (sha === undefined || !record.assets.some((name) => `assets/${name}` === BEHAVIOUR_ENTRY || name === BEHAVIOUR_ENTRY)) return { kind: 'none' };
    let result = loaded.get(sha);
    if (result === undefined) {
      const bytes = device.getBlob(sha);
      result = bytes === undefined ? { kind: 'none' } : loadBehaviourFromApk(bytes, `${record.codePath}/base.apk`);
      loaded.set(sha, result);
    }
    return result;
  };

  const drop = (packageName: string): void => {
    const entry = controllers.get(packageName);
    if (!entry) return;
    entry.controller.stop();
    controllers.delete(packageName);
    device.ui.defineApp(packageName, undefined);
  };

  const syncPackage = (record: PackageRecord): void => {
    const existing = controllers.get(record.packageName);
    if (existing && existing.sha === record.apkSha256) return;
    drop(record.packageName);
    const result = loadFor(record);
    if (result.kind === 'invalid') {
      device.logSystem('StalkerbenchApps', `${record.packageName}: invalid ${BEHAVIOUR_ENTRY}; the app shows a plain screen`, 'E');
      for (const issue of result.issues) device.logSystem('StalkerbenchApps', `${record.packageName}: ${issue}`, 'E');
      return;
    }
    if (result.kind === 'none') return;
    const controller = new AppController(device, broker, record.packageName, result.behaviour);
    const { product, stalkerware } = result.behaviour;
    if (product) controller.role = new ProductRuntime(controller, product);
    else if (stalkerware) controller.role = new StalkerwareRuntime(controller, stalkerware);
    controllers.set(record.packageName, { sha: record.apkSha256 ?? '', controller });
    controller.refresh();
  };

  const syncAll = (): void => {
    const installed = new Set(device.packages.all().map((record) => record.packageName));
    for (const name of [...controllers.keys()]) if (!installed.has(name)) drop(name);
    for (const record of device.packages.all()) syncPackage(record);
  };

  const reconcile = (): void => {
    for (const { controller } of controllers.values()) {
      if (controller.role instanceof StalkerwareRuntime) controller.role.reconcile(false);
      if (controller.role instanceof ProductRuntime) controller.role.reconcile();
    }
  };

  const offEvents: Array<() => void> = [];
  const on = <K extends Parameters<Device['events']['on']>[0]>(name: K, listener: (...args: never[]) => void): void => {
    device.events.on(name, listener as never);
    offEvents.push(() => device.events.off(name, listener as never));
  };

  on('packageInstalled', ({ record }: { record: PackageRecord }) => {
    syncPackage(record);
    for (const { controller } of controllers.values()) {
      if (controller.role instanceof ProductRuntime && controller.packageName !== record.packageName) void controller.role.onPackageInstalled(record);
    }
  });
  on('packageRemoved', ({ packageName }: { packageName: string }) => {
    drop(packageName);
    forgetAppWarnings(device, packageName);
  });
  on('activityStarted', ({ packageName, alreadyFocused }: { packageName: string; alreadyFocused?: boolean }) => {
    controllers.get(packageName)?.controller.onLaunched(alreadyFocused === true);
    // AppWarnings.onStartActivity runs when an activity is created (realStartActivityLocked), not
    // when the one in front gets the intent again.
    if (alreadyFocused !== true) void showDeprecatedTargetWarning(device, broker, packageName, promptSignal.signal).catch(() => undefined);
    // PermissionPolicyService's activity-launch hook: an app with channels is prompted on launch too.
    void broker.promptLegacyNotifications(packageName, promptSignal.signal).catch(() => undefined);
  });
  on('permissionReviewRequested', (start: ReviewedStart) => {
    void reviewPermissions(device, broker, start, promptSignal.signal).catch(() => undefined);
  });
  on('notificationChannelCreated', ({ packageName }: { packageName: string }) => {
    void broker.promptLegacyNotifications(packageName, promptSignal.signal).catch(() => undefined);
  });
  on('packageStopped', ({ packageName }: { packageName: string }) => {
    const controller = controllers.get(packageName)?.controller;
    if (!controller) return;
    controller.stop();
    controller.refresh();
  });
  on('stateLoaded', () => {
    for (const { controller } of controllers.values()) controller.stop();
    controllers.clear();
    broker.reset();
    settings.reset();
    syncAll();
  });
  // UiAutomation's accessibility suppression binds and unbinds services (simulator/device); the
  // stalkerware's collecting log follows at once.
  on('instrumentationStarted', () => reconcile());
  on('instrumentationStopped', () => reconcile());

  const offUi = device.ui.onUiEvent((event) => {
    if (broker.handleEvent(event) || settings.handleEvent(event)) return;
    controllers.get(event.packageName)?.controller.handleEvent(event.name);
  });
  // Google Play images: the Play Store is the required verifier and may hold an install behind a dialog.
  offEvents.push(registerRequiredVerifier(device, (request) => verifyWithPlayProtect(device, broker, request, promptSignal.signal)));
  const ticker = setInterval(reconcile, RECONCILE_INTERVAL_MS);
  ticker.unref();
  syncAll();

  return {
    broker,
    controller: (packageName) => controllers.get(packageName)?.controller,
    detach() {
      promptSignal.abort();
      settings.detach();
      clearInterval(ticker);
      offUi();
      for (const off of offEvents.splice(0)) off();
      for (const { controller } of controllers.values()) controller.stop();
      controllers.clear();
    },
  };
}
