/**
 * One running virtual app: its behaviour file, what it remembers (app-state-store.ts), and the
 * effects its events run. It renders its screens into the device UI whenever its state changes; a
 * force-stop, crash or snapshot load aborts whatever it was doing.
 */
import type { SimulatedDeviceUi } from '../ui/index.ts';
import { crashApp } from './faults/app-crash.ts';
import { watchForAnr } from './faults/app-anr.ts';
import { freezeTaps, PENDING_INPUT_EVENT } from './faults/frozen-input.ts';
import { isFastApps, waitFor } from './app-delays.ts';
import { findNode } from './find-node.ts';
import { formatTime } from './format-time.ts';
import { readAppState, writeAppState, type AppState, type ThreatRecord } from './app-state-store.ts';
import type { Behaviour, Effect, SpecialAccess } from './behaviour-schema.ts';
import { grantSpecialAccess } from './grant-special-access.ts';
import { launchScreen } from './launch-screen.ts';
import { fillPlaceholders, GOTO_EVENT_PREFIX, renderAppSpec, renderDialog, type RenderContext } from './render-app-spec.ts';
import type { Device, SystemScreenBroker } from './system-screens/system-screen-broker.ts';

/** What the role-specific parts (product/, stalkerware/) implement. */
export interface RoleBehaviour {
  /** Runs a role effect; false when the effect is not this role's. */
  runEffect(effect: Effect, signal: AbortSignal, arg: string): Promise<boolean>;
  /** The app was launched (its process started for an activity). */
  onLaunched?(): void;
  /** Threats the results screen lists. */
  threats?(): ThreatRecord[];
  /** Extra placeholder values. */
  values?(): Record<string, string>;
  /** Flags the role derives from its state (scanned, updated, threatsFound). */
  flags?(): string[];
  /** Work stopped (force-stop, crash, reload). */
  onStopped?(): void;
  /** Writes the device state of a special access (the role knows its components). */
  grant?(access: SpecialAccess): void;
}

/** Ends an effect chain quietly (the user left a settings page without granting, a check failed). */
export class ChainStopped extends Error {}

export class AppController {
  readonly packageName: string;
  readonly behaviour: Behaviour;
  readonly device: Device;
  readonly broker: SystemScreenBroker;
  role: RoleBehaviour | undefined;
  /** 0–100 while a scan, update or timed screen runs. */
  progress = 0;
  /** Extra placeholder values set by the running operation ({currentApp}, {scanned}, …). */
  live: Record<string, string> = {};
  /** Flags of the running operation (scanning, updating). */
  busy = new Set<string>();
  #abort = new AbortController();
  #hung = false;
  /** Input reached the hung app's window and waits: the ANR countdown runs. */
  #inputPending = false;

  constructor(device: Device, broker: SystemScreenBroker, packageName: string, behaviour: Behaviour) {
    this.device = device;
    this.broker = broker;
    this.packageName = packageName;
    this.behaviour = behaviour;
  }

  get ui(): SimulatedDeviceUi {
    return this.device.ui;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get hung(): boolean {
    return this.#hung;
  }

  get label(): string {
    return this.device.packages.get(this.packageName)?.label ?? this.packageName;
  }

  get state(): AppState {
    return readAppState(this.device, this.packageName);
  }

  update(mutate: (state: AppState) => void): void {
    const state = this.state;
    mutate(state);
    writeAppState(this.device, this.packageName, state);
    this.refresh();
  }

  values(): Record<string, string> {
    const state = this.state;
    const threats = this.role?.threats?.() ?? [];
    return {
      appLabel: this.label,
      progress: String(Math.round(this.progress)),
      threatCount: String(threats.length),
      lastScan: state.lastScan ? formatTime(state.lastScan.finishedAt) : 'Never',
      ...this.role?.values?.(),
      ...this.live,
    };
  }

  flags(): Set<string> {
    const state = this.state;
    return new Set([
      ...Object.entries(state.flags).filter(([, on]) => on).map(([name]) => name),
      ...(this.role?.flags?.() ?? []),
      ...this.busy,
    ]);
  }

  /** Renders the screens for the current state into the device UI. */
  refresh(): void {
    const state = this.state;
    const start = launchScreen(this.behaviour, state);
    const context: RenderContext = {
      values: this.values(),
      threats: this.role?.threats?.() ?? [],
      progress: this.progress,
      timedScreens: new Set(Object.keys(this.behaviour.timers)),
      frozen: false,
      start,
      flags: this.flags(),
    };
    const spec = renderAppSpec(this.behaviour.app, context);
    // A blocked main thread takes no input: taps and keys only queue (faults/frozen-input.ts), and
    // its windows answer no accessibility query (the UiAutomator2 server times out on them).
    this.ui.setUiThreadBlocked(this.packageName, this.#hung);
    this.ui.defineApp(this.packageName, this.#hung ? freezeTaps(spec) : spec);
  }

  /** A widget's `event` tap, or an event from the system (fault injection). */
  handleEvent(name: string): void {
    if (this.#hung) {
      this.#onPendingInput();
      return;
    }
    if (name === PENDING_INPUT_EVENT) return;
    const { faults } = this.behaviour;
    if (faults.hangOnEvent === name) {
      this.hang();
      return;
    }
    if (faults.crashOnEvent === name) {
      void this.crash('java.lang.IllegalStateException: scan engine failed to load');
      return;
    }
    if (name.startsWith(GOTO_EVENT_PREFIX)) {
      const [how, screen = ''] = name.slice(GOTO_EVENT_PREFIX.length).split(':');
      void this.#runChain([{ do: how === 'navigate' ? 'navigate' : 'replace', screen }], '');
      return;
    }
    const { events } = this.behaviour;
    const colon = name.indexOf(':');
    const exact = events[name];
    if (exact) void this.#runChain(exact, '');
    else if (colon > 0) {
      const wildcard = events[`${name.slice(0, colon)}:*`];
      if (wildcard) void this.#runChain(wildcard, name.slice(colon + 1));
    }
  }

  /** The launcher (or `am start`) brought the app up: render and start the launch screen's timer. */
  onLaunched(alreadyFocused = false): void {
    // A start from elsewhere counts (launch entries with `starts`); the intent re-delivered to the
    // activity in front does not.
    if (!alreadyFocused) this.update((state) => { state.starts = (state.starts ?? 0) + 1; });
    this.refresh();
    const start = launchScreen(this.behaviour, this.state, this.state.starts ?? 0);
    if (this.behaviour.timers[start]) void this.#runChain([{ do: 'wait', ms: 0 }], '', start);
    this.role?.onLaunched?.();
  }

  /** Everything in flight ends (force-stop, crash, uninstall, snapshot load). */
  stop(): void {
    this.#abort.abort(new ChainStopped('stopped'));
    this.#abort = new AbortController();
    this.#hung = false;
    this.ui.setUiThreadBlocked(this.packageName, false);
    this.#inputPending = false;
    this.progress = 0;
    this.live = {};
    this.busy.clear();
    this.role?.onStopped?.();
  }

  /**
   * The main thread blocks: nothing reacts. Android notices only when input waits for the app: 5 s
   * after the first tap on its window, "ANR in …" is logged and the ANR dialog shows (faults/app-anr.ts).
   */
  hang(): void {
    if (this.#hung) return;
    this.#hung = true;
    this.refresh();
  }

  #onPendingInput(): void {
    if (this.#inputPending) return;
    this.#inputPending = true;
    watchForAnr(this, this.signal);
  }

  /**
   * The app's process dies with an uncaught exception (faults/app-crash.ts): its traces are logged,
   * the process and its screens go; a dialog shows only as Android 13 decides (repeated crash, or the
   * first-crash setting).
   */
  async crash(exception: string): Promise<void> {
    const { dialog } = crashApp(this, exception);
    this.stop();
    if (dialog) await this.broker.showCrash(this.label, dialog, this.signal).catch(() => undefined);
  }

  grant(access: SpecialAccess): void {
    if (this.role?.grant) this.role.grant(access);
    else grantSpecialAccess(this.device, this.packageName, access, undefined);
  }

  /** Logs as the app's process. */
  log(priority: 'V' | 'D' | 'I' | 'W' | 'E', tag: string, message: string): void {
    const pid = this.device.processes.byPackage(this.packageName)?.pid ?? 0;
    this.device.log({ pid, tid: pid + 11, priority, tag, message });
  }

  /** Runs effects in order; ends quietly when stopped. `timedScreen` starts that screen's timer first. */
  async #runChain(effects: readonly Effect[], arg: string, timedScreen?: string): Promise<void> {
    const signal = this.signal;
    try {
      if (timedScreen) await this.#runTimer(timedScreen, signal);
      await this.runEffects(effects, signal, arg);
    } catch (error) {
      if (signal.aborted) return;
      this.#logFailure(error);
    }
  }

  #logFailure(error: unknown): void {
    if (error instanceof ChainStopped) return;
    this.log('E', 'StalkerbenchApp', `effect failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  async runEffects(effects: readonly Effect[], signal: AbortSignal, arg: string): Promise<void> {
    for (const effect of effects) {
      signal.throwIfAborted();
      const pending = this.#runEffect(effect, signal, arg);
      // Effects that finish at once run back to back in the same tick, so that no client ever sees
      // the screen between them (a scan screen before its scan has started).
      if (isImmediate(effect, this.behaviour)) pending.catch((error: unknown) => this.#logFailure(error));
      else await pending;
    }
  }

  async #runEffect(effect: Effect, signal: AbortSignal, arg: string): Promise<void> {
    const fill = (text: string): string => fillPlaceholders(text, { ...this.values(), arg });
    switch (effect.do) {
      case 'navigate':
      case 'replace':
        this.refresh();
        this.ui.runAppAction(this.packageName, { type: effect.do, screen: effect.screen });
        if (this.behaviour.timers[effect.screen]) await this.#runTimer(effect.screen, signal);
        return;
      case 'back':
      case 'finish':
      case 'dismiss':
        this.ui.runAppAction(this.packageName, { type: effect.do });
        return;
      case 'dialog': {
        const values = { ...this.values(), arg };
        const context = { values, threats: [], progress: this.progress, timedScreens: new Set<string>(), frozen: false, start: this.behaviour.app.start, flags: this.flags() };
        this.ui.runAppAction(this.packageName, { type: 'dialog', dialog: renderDialog(effect.dialog, context, values) });
        return;
      }
      case 'set':
        this.update((state) => {
          state.flags[effect.flag] = effect.value ?? true;
        });
        return;
      case 'if':
        // Any flag a screen's showIf sees: the app's own, its role's (scanned, threatsFound, …) and busy ones.
        await this.runEffects(this.flags().has(effect.flag) ? effect.then : (effect.else ?? []), signal, arg);
        return;
      case 'setFromCheckbox': {
        const id = effect.field.includes(':id/') ? effect.field : `${this.packageName}:id/${effect.field}`;
        const node = findNode(this.ui.hierarchy(), (candidate) => candidate.resourceId === id);
        this.update((state) => {
          state.flags[effect.flag] = node?.checked ?? false;
        });
        return;
      }
      case 'run': {
        const effects = this.behaviour.events[effect.event];
        if (effects) await this.runEffects(effects, signal, arg);
        return;
      }
      case 'requestPermissions':
        await this.broker.requestPermissions(this.packageName, effect.permissions, signal);
        return;
      case 'openSpecialAccess': {
        const granted = await this.broker.openSpecialAccess(this.packageName, effect.access, signal, () => this.grant(effect.access));
        if (!granted) throw new ChainStopped(`${effect.access} not granted`);
        return;
      }
      case 'grantSpecialAccess':
        this.grant(effect.access);
        return;
      case 'wait':
        await waitFor(this.device, effect.ms, signal);
        return;
      case 'requireText': {
        const text = this.#fieldText(effect.field);
        if (!new RegExp(effect.pattern).test(text)) {
          await this.runEffects(effect.otherwise, signal, arg);
          throw new ChainStopped(`field ${effect.field} does not match`);
        }
        return;
      }
      case 'log':
        this.log(effect.priority ?? 'I', effect.tag, effect.field === undefined
          ? fill(effect.message)
          : fillPlaceholders(effect.message, { ...this.values(), arg, field: this.#fieldText(effect.field) }));
        return;
      case 'notify': {
        const record = this.device.packages.get(this.packageName);
        if (!record) return;
        this.device.notifications.post({
          packageName: this.packageName, id: effect.id ?? this.device.notifications.nextIdFor(this.packageName),
          channelId: effect.channel, title: fill(effect.title), text: fill(effect.text), uid: record.uid,
        });
        return;
      }
      default:
        if (this.role && (await this.role.runEffect(effect, signal, arg))) return;
        this.log('W', 'StalkerbenchApp', `effect '${effect.do}' does nothing for a ${this.behaviour.role}`);
    }
  }

  /** A timed screen: `{progress}` runs 0→100 over afterMs, then its effects run. */
  async #runTimer(screen: string, signal: AbortSignal): Promise<void> {
    const timer = this.behaviour.timers[screen];
    if (!timer) return;
    await this.animateProgress(timer.afterMs, signal);
    await this.runEffects(timer.then, signal, '');
  }

  /** Advances `progress` from 0 to 100 over `ms` (scaled by fast mode), re-rendering as it goes. */
  async animateProgress(ms: number, signal: AbortSignal, onTick?: (fraction: number) => void): Promise<void> {
    // In fast mode every wait is zero: two steps (half way, done) instead of up to 40 timer turns,
    // which on a loaded machine added up to seconds of a test's waiting budget.
    const steps = isFastApps(this.device) ? 2 : Math.max(1, Math.min(40, Math.round(ms / 250)));
    for (let step = 1; step <= steps; step += 1) {
      await waitFor(this.device, ms / steps, signal);
      this.progress = (100 * step) / steps;
      onTick?.(step / steps);
      this.refresh();
    }
  }

  /** The text of one of the app's EditTexts (by bare id) as on screen now. */
  #fieldText(field: string): string {
    const id = field.includes(':id/') ? field : `${this.packageName}:id/${field}`;
    const node = findNode(this.ui.hierarchy(), (candidate) => candidate.resourceId === id);
    return node?.text ?? '';
  }
}

const IMMEDIATE_EFFECTS: ReadonlySet<Effect['do']> = new Set([
  'back', 'finish', 'dismiss', 'dialog', 'set', 'setFromCheckbox', 'log', 'notify', 'grantSpecialAccess',
  'startProtection', 'firstStartScan', 'ignoreThreat', 'hideIcon', 'startService', 'startCollecting', 'cancelScan',
]);

function isImmediate(effect: Effect, behaviour: Behaviour): boolean {
  if (effect.do === 'navigate' || effect.do === 'replace') return behaviour.timers[effect.screen] === undefined;
  return IMMEDIATE_EFFECTS.has(effect.do);
}
