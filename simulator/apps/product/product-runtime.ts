/**
 * A security product's engine: signature updates, the on-demand scan with progress, the results it
 * keeps, the first-start scan, real-time protection reacting to package installs, alerts
 * (notifications and dialogs), and removing or ignoring a threat.
 */
import { startService } from '../../device/activity-manager.ts';
import { uninstallPackage } from '../../device/package-manager.ts';
import type { PackageRecord } from '../../device/package-record.ts';
import { readsAppState, waitFor, waitForRace } from '../app-delays.ts';
import { ChainStopped, type AppController, type RoleBehaviour } from '../app-controller.ts';
import { formatTime } from '../format-time.ts';
import type { ThreatRecord } from '../app-state-store.ts';
import { IMPORTANCE_LEVELS, type Effect, type NotificationTemplate, type ProductBehaviour, type SpecialAccess } from '../behaviour-schema.ts';
import { grantSpecialAccess } from '../grant-special-access.ts';
import { fillPlaceholders, renderDialog, threatValues } from '../render-app-spec.ts';
import type { BehaviourDialog } from '../widget-schema.ts';
import { buildRemoveAdminScreen, DEVICE_ADMIN_ADD_ACTIVITY } from '../system-screens/remove-admin-screen.ts';
import { SETTINGS_PACKAGE } from '../system-screens/special-access-screens.ts';
import { canDrawOverlays } from './can-draw-overlays.ts';
import { grantedAccessFlags } from './granted-access.ts';
import { showScanDialog } from './scan-dialog.ts';
import { inspectInstalledApp } from './inspect-installed-app.ts';
import { matchRules } from './match-rules.ts';

export const PROTECTION_FLAG = 'protectionOn';
/** The event a scan fires as it ends, before its results are kept and shown (`faults.crashOnEvent` can name it). */
export const SCAN_FINISHED_EVENT = 'scanFinished';

export class ProductRuntime implements RoleBehaviour {
  #app: AppController;
  #product: ProductBehaviour;
  /** The scan never finishes (console fault `scan-stall`). */
  stallScans = false;
  /** The `granted:*` flags at the last render (reconcile re-renders when they change). */
  #granted = '';

  constructor(app: AppController, product: ProductBehaviour) {
    this.#app = app;
    this.#product = product;
  }

  values(): Record<string, string> {
    const state = this.#app.state;
    const alert = state.lastAlert;
    return {
      signatureVersion: state.signatureVersion ?? this.#product.signatures.bundled,
      lastUpdate: state.lastUpdate === undefined ? 'Never' : formatTime(state.lastUpdate),
      protection: state.flags[PROTECTION_FLAG] ? 'On' : 'Off',
      scannedApps: String(state.lastScan?.scanned ?? 0),
      ...(alert ? { alertLabel: alert.label, alertAppLabel: alert.appLabel, alertPackage: alert.package, alertCategory: alert.category } : {}),
    };
  }

  flags(): string[] {
    const state = this.#app.state;
    const flags: string[] = [];
    if (state.lastScan) flags.push('scanned');
    if (state.signatureVersion === this.#product.signatures.latest) flags.push('updated');
    if (this.threats().length > 0) flags.push('threatsFound');
    const granted = grantedAccessFlags(this.#app.device, this.#app.packageName, this.#product.requiredAccess);
    this.#granted = granted.join(' ');
    return [...flags, ...granted];
  }

  /**
   * Special access granted or taken away elsewhere (Settings, adb) shows on the product's screens, as
   * a real product re-checks it in onResume: re-render when the `granted:*` flags changed.
   */
  reconcile(): void {
    const now = grantedAccessFlags(this.#app.device, this.#app.packageName, this.#product.requiredAccess).join(' ');
    if (now !== this.#granted) this.#app.refresh();
  }

  threats(): ThreatRecord[] {
    const state = this.#app.state;
    return (state.lastScan?.threats ?? []).filter((threat) => !state.ignored.includes(threat.package));
  }

  onLaunched(): void {
    const state = this.#app.state;
    if (state.flags[PROTECTION_FLAG]) this.#startService();
    const pending = state.pendingAlert;
    if (pending) {
      this.#app.update((next) => {
        delete next.pendingAlert;
      });
      this.#showAlert(pending.threat, pending);
    }
  }

  async runEffect(effect: Effect, signal: AbortSignal, arg: string): Promise<boolean> {
    switch (effect.do) {
      case 'updateSignatures':
        await this.#updateSignatures(signal);
        return true;
      case 'scan':
        await this.#scan(signal);
        return true;
      case 'cancelScan':
        return true;
      case 'firstStartScan':
        this.#firstStartScan();
        return true;
      case 'startProtection':
        this.#app.update((state) => {
          state.flags[PROTECTION_FLAG] = true;
        });
        this.#startService();
        return true;
      case 'removeThreat':
        await this.#removeThreat(fillPlaceholders(effect.package, { arg }), signal);
        return true;
      case 'toast':
        // Toast.LENGTH_SHORT / LENGTH_LONG (NotificationManagerService SHORT_DELAY 2000, LONG_DELAY 3500).
        this.#app.ui.showToast(this.#app.packageName, fillPlaceholders(effect.text, { ...this.#app.values(), arg }), effect.long ? 3500 : 2000);
        return true;
      case 'showThreat': {
        const name = fillPlaceholders(effect.package, { arg });
        const threat = this.threats().find((candidate) => candidate.package === name);
        if (threat) this.#app.update((state) => { state.lastAlert = threat; });
        return true;
      }
      case 'ignoreThreat': {
        const name = fillPlaceholders(effect.package, { arg });
        this.#app.update((state) => {
          if (!state.ignored.includes(name)) state.ignored.push(name);
        });
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * The product's own special access granted through its Settings page (openSpecialAccess): the
   * component it declares for that access (its first accessibility service, notification listener or
   * device-admin receiver), as Settings enables the one the user switched on.
   */
  grant(access: SpecialAccess): void {
    const app = this.#app;
    const kind = access === 'accessibility' ? 'accessibility-service' : access === 'notification-listener' ? 'notification-listener' : access === 'device-admin' ? 'device-admin' : undefined;
    const component = kind === undefined ? undefined : app.device.packages.get(app.packageName)?.components.find((candidate) => candidate.kind === kind)?.name;
    grantSpecialAccess(app.device, app.packageName, access, component);
    app.refresh();
  }

  /** A package was installed or replaced: real-time protection checks it after its delay. */
  async onPackageInstalled(record: PackageRecord): Promise<void> {
    const app = this.#app;
    const realTime = this.#product.realTime;
    const self = app.device.packages.get(app.packageName);
    // A force-stopped app receives no broadcasts until it is started again (FLAG_STOPPED).
    if (!realTime || !app.state.flags[PROTECTION_FLAG] || !self || self.stopped || record.packageName === app.packageName) return;
    const signal = app.signal;
    try {
      // Fast mode never changes a verdict: a check that reads the sample's state races against the
      // abuser's setup, so it keeps its real delay (app-delays.ts).
      await (readsAppState(this.#product.rules) ? waitForRace : waitFor)(app.device, realTime.delayMs, signal);
    } catch {
      return;
    }
    const current = app.device.packages.get(record.packageName);
    if (!current) return;
    const threat = matchRules(this.#product.rules, inspectInstalledApp(app.device, current));
    app.log('I', 'RealTimeProtection', `checked ${record.packageName}: ${threat ? `${threat.label} (${threat.category})` : 'clean'}`);
    if (!threat) return;
    this.#alert(threat, realTime);
  }

  #startService(): void {
    const app = this.#app;
    if (this.#product.service) {
      startService(app.device, app.packageName, this.#product.service, this.#product.foregroundNotification !== undefined);
    }
    const ongoing = this.#product.foregroundNotification;
    const record = app.device.packages.get(app.packageName);
    if (ongoing && record && !app.device.notifications.list().some((n) => n.packageName === app.packageName && n.id === 1)) {
      app.device.notifications.post({ packageName: app.packageName, id: 1, channelId: ongoing.channel, title: ongoing.title, text: ongoing.text, uid: record.uid });
    }
  }

  async #updateSignatures(signal: AbortSignal): Promise<void> {
    const app = this.#app;
    const { latest, updateMs } = this.#product.signatures;
    app.log('I', 'SignatureUpdater', `downloading definitions ${latest}`);
    app.busy.add('updating');
    app.refresh();
    try {
      await app.animateProgress(updateMs, signal);
    } finally {
      app.busy.delete('updating');
    }
    app.update((state) => {
      state.signatureVersion = latest;
      state.lastUpdate = app.device.now();
    });
    app.log('I', 'SignatureUpdater', `definitions updated to ${latest}`);
  }

  /** Apps a scan looks at, in install order, the product itself excluded. */
  #scanTargets(): PackageRecord[] {
    const app = this.#app;
    return app.device.packages.all()
      .filter((record) => record.packageName !== app.packageName && (this.#product.scan.includeSystem || !record.system))
      .sort((a, b) => a.firstInstallTime - b.firstInstallTime);
  }

  #findThreats(): { scanned: number; threats: ThreatRecord[] } {
    const app = this.#app;
    const targets = this.#scanTargets();
    const threats = targets
      .map((record) => matchRules(this.#product.rules, inspectInstalledApp(app.device, record)))
      .filter((threat): threat is ThreatRecord => threat !== undefined);
    return { scanned: targets.length, threats };
  }

  async #scan(signal: AbortSignal): Promise<void> {
    const app = this.#app;
    const scan = this.#product.scan;
    const targets = this.#scanTargets();
    app.progress = 0;
    app.live = { scanned: '0', total: String(targets.length), currentApp: targets[0]?.packageName ?? '' };
    app.busy.add('scanning');
    app.refresh();
    app.ui.runAppAction(app.packageName, { type: 'replace', screen: scan.progressScreen });
    app.log('I', 'ScanEngine', `on-demand scan started: ${targets.length} apps`);
    const stall = scan.neverFinishes || this.stallScans;
    await app.animateProgress(scan.durationMs, signal, (fraction) => {
      const index = Math.min(targets.length, Math.round(fraction * targets.length));
      app.live = { scanned: String(index), total: String(targets.length), currentApp: targets[Math.max(0, index - 1)]?.packageName ?? '' };
      if (stall && fraction >= 0.5) throw new StallReached();
    }).catch(async (error: unknown) => {
      if (!(error instanceof StallReached)) throw error;
      app.log('W', 'ScanEngine', 'scan worker blocked');
      // Stuck at this point for good, as a deadlocked scan worker leaves it.
      await new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new ChainStopped('stopped')), { once: true }));
    });
    const result = this.#findThreats();
    app.live = {};
    app.busy.delete('scanning');
    app.handleEvent(SCAN_FINISHED_EVENT);
    // A crash or hang on that event ends the scan here: its results are never kept or shown.
    signal.throwIfAborted();
    if (app.hung) return;
    app.update((state) => {
      state.lastScan = { finishedAt: app.device.now(), scanned: result.scanned, threats: result.threats };
    });
    app.log('I', 'ScanEngine', `scan finished: ${result.scanned} apps, ${result.threats.length} threats`);
    for (const threat of result.threats) app.log('W', 'ScanEngine', `threat ${threat.label} (${threat.category}) in ${threat.package} [${threat.rule}]`);
    const visible = this.threats();
    app.ui.runAppAction(app.packageName, { type: 'replace', screen: visible.length === 0 ? (scan.cleanScreen ?? scan.resultsScreen) : scan.resultsScreen });
    showScanDialog(app, scan, visible);
    if (scan.notification && visible.length > 0) {
      // A notification that names a threat ("Threat found: {appLabel}") is posted once per threat, as a
      // product that alerts per app does; a summary ("{threatCount} threats found") once.
      const template = scan.notification;
      const perThreat = [template.title, template.text, template.bigText ?? ''].some((text) => /\{(?:label|appLabel|package|category)\}/.test(text));
      for (const threat of perThreat ? visible : visible.slice(0, 1)) {
        this.#notify(template, { ...threatValues(threat), threatCount: String(visible.length) });
      }
    }
  }

  #firstStartScan(): void {
    const app = this.#app;
    const result = this.#findThreats();
    app.update((state) => {
      state.lastScan = { finishedAt: app.device.now(), scanned: result.scanned, threats: result.threats };
    });
    app.log('I', 'ScanEngine', `first-start scan: ${result.scanned} apps, ${result.threats.length} threats`);
    const firstStart = this.#product.firstStart;
    if (!firstStart) return;
    for (const threat of result.threats) this.#alert(threat, firstStart);
  }

  /** One alert per threat and install: a notification, a dialog over the product's screen and/or one of its screens. */
  #alert(threat: ThreatRecord, how: AlertHow): void {
    const app = this.#app;
    const key = `${threat.package}@${app.device.packages.get(threat.package)?.lastUpdateTime ?? 0}`;
    if (app.state.alerted.includes(key)) return;
    app.update((state) => {
      state.alerted.push(key);
      state.lastAlert = threat;
    });
    const values = { ...app.values(), ...threatValues(threat) };
    app.log('W', 'ThreatAlert', `${threat.label} (${threat.category}) in ${threat.package}`);
    if (how.notification) this.#notify(how.notification, values);
    if (how.overlay) this.#showOverlay(how.overlay, values);
    if (how.dialog || how.screen) {
      // Android 10+ blocks activity starts from the background: the alert screen shows at once only
      // while the product is in front, otherwise the next time it comes to the front (always then
      // for a product that shows what it found only when opened).
      if (!how.showOnNextLaunch && app.ui.focusedWindow().packageName === app.packageName) this.#showAlert(threat, how);
      else app.update((state) => {
        state.pendingAlert = { threat, ...(how.screen ? { screen: how.screen } : {}), ...(how.dialog ? { dialog: how.dialog } : {}) };
      });
    }
  }

  #showAlert(threat: ThreatRecord, how: { dialog?: BehaviourDialog | undefined; screen?: string | undefined }): void {
    const app = this.#app;
    app.update((state) => {
      state.lastAlert = threat;
    });
    const values = { ...app.values(), ...threatValues(threat) };
    if (how.screen) app.ui.runAppAction(app.packageName, { type: 'navigate', screen: how.screen });
    if (how.dialog) {
      const context = { values, threats: [], progress: 0, timedScreens: new Set<string>(), frozen: false, start: app.behaviour.app.start, flags: app.flags() };
      app.ui.showDialog(app.packageName, renderDialog(how.dialog, context, values));
    }
  }

  /** An alert window over other apps, when the product may draw one (can-draw-overlays.ts). */
  #showOverlay(dialog: BehaviourDialog, values: Record<string, string>): void {
    const app = this.#app;
    if (!canDrawOverlays(app.device, app.packageName)) {
      app.log('E', 'ThreatAlert', 'Unable to add window -- permission denied for window type 2038');
      return;
    }
    const context = { values, threats: [], progress: 0, timedScreens: new Set<string>(), frozen: false, start: app.behaviour.app.start, flags: app.flags() };
    app.ui.showOverlay(app.packageName, renderDialog(dialog, context, values));
  }

  #notify(template: NotificationTemplate, values: Record<string, string>): void {
    const app = this.#app;
    const record = app.device.packages.get(app.packageName);
    if (!record) return;
    app.device.notifications.post({
      packageName: app.packageName, id: app.device.notifications.nextIdFor(app.packageName) + 100,
      channelId: template.channel, title: fillPlaceholders(template.title, values), text: fillPlaceholders(template.text, values), uid: record.uid,
      ...(template.bigText === undefined ? {} : { bigText: fillPlaceholders(template.bigText, values) }),
      ...(template.importance === undefined ? {} : { importance: IMPORTANCE_LEVELS[template.importance] }),
    });
  }

  async #removeThreat(packageName: string, signal: AbortSignal): Promise<void> {
    const app = this.#app;
    const record = app.device.packages.get(packageName);
    if (!record) return;
    const returnTo = app.ui.focusedWindow();
    // An active admin cannot be uninstalled (DELETE_FAILED_DEVICE_POLICY_MANAGER): as apps do, the
    // product sends the user to Settings' device-admin page first (remove-admin-screen.ts).
    const admins = app.device.policy.deviceAdmins.filter((component) => component.startsWith(`${packageName}/`));
    if (admins.length > 0) {
      const answer = await app.broker.askOnScreen((prefix) => app.ui.showScreen(SETTINGS_PACKAGE, buildRemoveAdminScreen(record.label, prefix), DEVICE_ADMIN_ADD_ACTIVITY),
        signal, () => app.ui.focusedWindow().packageName !== SETTINGS_PACKAGE);
      app.ui.closePackage(SETTINGS_PACKAGE);
      if (answer !== 'deactivate') {
        if (returnTo.packageName === app.packageName) app.ui.startActivity(returnTo.packageName, returnTo.activity);
        return;
      }
      app.device.policy.deviceAdmins = app.device.policy.deviceAdmins.filter((component) => !admins.includes(component));
      for (const admin of admins) app.device.logSystem('DevicePolicyManager', `Removing admin ${admin} (uninstallPackageWithActiveAdmins)`);
    }
    const confirmed = await app.broker.confirmUninstall(record.label, signal);
    if (confirmed) {
      const result = await uninstallPackage(app.device, packageName, false);
      app.log(result.ok ? 'I' : 'W', 'ThreatRemoval', result.ok ? `removed ${packageName}` : `could not remove ${packageName}: ${result.code}`);
      if (result.ok) {
        app.update((state) => {
          if (state.lastScan) state.lastScan.threats = state.lastScan.threats.filter((threat) => threat.package !== packageName);
        });
      }
    }
    if (returnTo.packageName === app.packageName) app.ui.startActivity(returnTo.packageName, returnTo.activity);
  }
}

interface AlertHow {
  notification?: NotificationTemplate | undefined;
  dialog?: BehaviourDialog | undefined;
  overlay?: BehaviourDialog | undefined;
  screen?: string | undefined;
  showOnNextLaunch?: boolean | undefined;
}

class StallReached extends Error {}
