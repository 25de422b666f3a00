/**
 * Runs a product's remediate flow and records what it did (methodology.md, "Remediation"):
 *  - before every tap, key press or gesture of the flow, and once at its end, the screen is read (one
 *    page source): the product's warning (`remediation.warning`), Settings' device-admin screen
 *    (DeviceAdminAdd with "Deactivate & uninstall", R.string.remove_and_uninstall_device_admin) and the
 *    package installer's uninstall dialog (UninstallAlertDialogFragment, "Do you want to uninstall this
 *    app?") — each seen → its first sight captured as evidence. `warned` is true only when the warning
 *    was on screen at a read before the first read that showed one of Android's screens;
 *  - then the sample's state through adb (read-sample-state.ts), polled for up to SETTLE_MS until
 *    the package is gone (an uninstall confirmed by the last tap finishes asynchronously).
 * The flow failing is recorded (flow-error / infra-error), never thrown: the detection verdict stands.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'webdriverio';
import type { AndroidEnv } from '../android/index.ts';
import { toLocator } from '../appium/locate.ts';
import type { LocatorSelector as Selector } from '../config/selector-schema.ts';
import { HarnessError } from '../errors/index.ts';
import { findAll, isSnapshotSelector, parsePageSource, type SnapshotNode } from '../round/results-snapshot.ts';
import type { RemediationOutcome } from './remediation-outcome.ts';
import { readSampleState, type SampleState } from './read-sample-state.ts';

/** How long the sample's removal may take after the flow's last step. */
export const SETTLE_MS = 10_000;
const SETTLE_POLL_MS = 500;

/** Texts of Android 13's own removal screens (AOSP resources, English). */
export const UNINSTALL_DIALOG_TEXT = 'Do you want to uninstall this app?';
export const DEACTIVATE_AND_UNINSTALL_TEXT = 'Deactivate & uninstall';

const OBSERVED_CALLS = new Set(['elementClick', 'performActions', 'back', 'execute', 'touchAction']);

export interface RemediationInput {
  driver: Browser;
  env: AndroidEnv;
  serial: string;
  samplePackage: string;
  warning: Selector | undefined;
  signal: AbortSignal;
  /** Runs the profile's remediate flow with the driver given (the observing one). */
  runFlow: (driver: Browser) => Promise<void>;
  /** Saves a screenshot and UI dump under this step name; returns nothing useful here. */
  capture: (step: string) => Promise<unknown>;
  /** Saves the adb outputs the state was read from. */
  saveState: (raw: string) => Promise<unknown>;
}

interface Sightings {
  reads: number;
  warningAt: number | undefined;
  adminAt: number | undefined;
  uninstallAt: number | undefined;
}

function hasText(root: SnapshotNode, text: string): boolean {
  return findAll(root, { text }).length > 0;
}

/** What one screen shows; a page source that cannot be read shows nothing. */
async function readScreen(driver: Browser, warning: Selector | undefined): Promise<{ warning: boolean; admin: boolean; uninstall: boolean }> {
  let root: SnapshotNode;
  try {
    root = parsePageSource(await driver.getPageSource());
  } catch {
    return { warning: false, admin: false, uninstall: false };
  }
  let warned = false;
  if (warning !== undefined) {
    if (isSnapshotSelector(warning)) warned = findAll(root, warning).length > 0;
    else {
      const locator = toLocator(warning);
      warned = ((await driver.findElements(locator.using, locator.value)) as unknown[]).length > 0;
    }
  }
  return { warning: warned, admin: hasText(root, DEACTIVATE_AND_UNINSTALL_TEXT), uninstall: hasText(root, UNINSTALL_DIALOG_TEXT) };
}

/** A driver that reads the screen before each action of the flow (see the module comment). */
function observingDriver(driver: Browser, observe: () => Promise<void>): Browser {
  return new Proxy(driver, {
    get(target, property, _receiver) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && OBSERVED_CALLS.has(property)) {
        return async (...args: unknown[]) => {
          await observe();
          return method.apply(target, args);
        };
      }
      return method.bind(target);
    },
  });
}

function errorOf(error: unknown): { flow: 'flow-error' | 'infra-error'; error: { code: string; message: string } } {
  if (error instanceof HarnessError) {
    // The UI was not as the profile expects: a flow-error; anything else (session, adb) an infra-error.
    return { flow: error.code === 'FLOW_STEP_FAILED' ? 'flow-error' : 'infra-error', error: { code: error.code, message: error.message } };
  }
  return { flow: 'infra-error', error: { code: 'REMEDIATION_FAILED', message: error instanceof Error ? error.message : String(error) } };
}

export async function runRemediation(input: RemediationInput): Promise<RemediationOutcome> {
  const seen: Sightings = { reads: 0, warningAt: undefined, adminAt: undefined, uninstallAt: undefined };
  const observe = async (): Promise<void> => {
    const read = seen.reads;
    seen.reads += 1;
    const screen = await readScreen(input.driver, input.warning);
    if (screen.warning && seen.warningAt === undefined) { seen.warningAt = read; await input.capture('remediate-warning'); }
    if (screen.admin && seen.adminAt === undefined) { seen.adminAt = read; await input.capture('remediate-device-admin'); }
    if (screen.uninstall && seen.uninstallAt === undefined) { seen.uninstallAt = read; await input.capture('remediate-uninstall-dialog'); }
  };
  let flow: Pick<RemediationOutcome, 'flow' | 'error'> = { flow: 'completed' };
  try {
    await input.runFlow(observingDriver(input.driver, observe));
    await observe();
  } catch (error) {
    if (input.signal.aborted) throw error;
    flow = errorOf(error);
  }
  await input.capture('remediate-end').catch(() => undefined);
  let state: SampleState = await readSampleState(input.env, input.serial, input.samplePackage, input.signal);
  const deadline = performance.now() + SETTLE_MS;
  while (state.packageInstalled && flow.flow === 'completed' && performance.now() < deadline) {
    await delay(SETTLE_POLL_MS, undefined, { signal: input.signal });
    state = await readSampleState(input.env, input.serial, input.samplePackage, input.signal);
  }
  await input.saveState(state.raw);
  const systemAt = Math.min(seen.adminAt ?? Infinity, seen.uninstallAt ?? Infinity);
  const { raw: _raw, ...found } = state;
  return {
    ...flow,
    warned: input.warning === undefined ? null : seen.warningAt !== undefined && seen.warningAt < systemAt,
    deviceAdminScreen: seen.adminAt !== undefined,
    uninstallDialog: seen.uninstallAt !== undefined,
    ...found,
    remediated: !found.packageInstalled && !found.processRunning && !found.deviceAdmin && !found.accessibilityEnabled,
  };
}
