/**
 * Test support: runs a product profile's UI-flow steps directly on a VirtualDevice's screen (no adb,
 * no Appium), polling the hierarchy as the harness's flow interpreter polls UiAutomator2. It checks
 * the behaviour files against the profiles in milliseconds; test/sim-apps*.int.test.ts does the same
 * through the real stack.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FlowStep } from '../../../harness/config/index.ts';
import type { ResultsMapping } from '../../../harness/config/index.ts';
import type { UiNode } from '../../ui/index.ts';
import type { VirtualAndroidDevice } from '../../device/create-virtual-device.ts';
import { runDeviceStep } from './device-steps.ts';

type Selector = { id?: string | undefined; text?: string | undefined; textContains?: string | undefined; desc?: string | undefined };

const ALLOW_IDS = [
  'com.android.permissioncontroller:id/permission_allow_foreground_only_button',
  'com.android.permissioncontroller:id/permission_allow_button',
  'com.android.permissioncontroller:id/permission_allow_always_button',
];

export function flatten(node: UiNode, out: UiNode[] = []): UiNode[] {
  out.push(node);
  for (const child of node.children) flatten(child, out);
  return out;
}

export function matches(node: UiNode, selector: Selector): boolean {
  if (selector.id !== undefined) return node.resourceId === selector.id;
  if (selector.text !== undefined) return node.text === selector.text;
  // Case-insensitive, as UiSelector.textContains is on the device (harness/appium/locate.ts).
  if (selector.textContains !== undefined) return node.text.toLowerCase().includes(selector.textContains.toLowerCase());
  if (selector.desc !== undefined) return node.contentDesc === selector.desc;
  return false;
}

export function findAll(device: VirtualAndroidDevice, selector: Selector, root?: UiNode): UiNode[] {
  return flatten(root ?? device.ui.hierarchy()).filter((node) => matches(node, selector));
}

export async function waitForNode(device: VirtualAndroidDevice, selector: Selector, timeoutMs = 3000): Promise<UiNode> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    acceptPermissionDialogs(device, 1);
    const found = findAll(device, selector)[0];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${JSON.stringify(selector)} not shown within ${timeoutMs} ms`);
    await sleep(10);
  }
}

export function acceptPermissionDialogs(device: VirtualAndroidDevice, max: number): number {
  let accepted = 0;
  while (accepted < max) {
    const button = flatten(device.ui.hierarchy()).find((node) => ALLOW_IDS.includes(node.resourceId));
    if (!button) break;
    device.ui.click(button.uid);
    accepted += 1;
  }
  return accepted;
}

const SIMPLE_SELECTOR_KEYS = new Set(['id', 'text', 'textContains', 'desc']);

/** The selector as this driver matches it; a selector it cannot match (regex, index, below…) fails loudly. */
function simple(args: unknown, action: string): Selector {
  const keys = Object.keys(args as object);
  const unknown = keys.filter((key) => !SIMPLE_SELECTOR_KEYS.has(key));
  if (keys.length !== 1 || unknown.length > 0) {
    throw new Error(`the in-process flow driver matches only one of id/text/textContains/desc; ${action} has ${JSON.stringify(args)}: run it through the real stack (test/*.int.test.ts)`);
  }
  return args as Selector;
}

/**
 * Runs flow steps: tap, tapIfPresent, type, waitFor, waitGone, scrollTo, readText,
 * acceptPermissionDialogs, back, home, wait, assertVisible / assertNotVisible, and the device steps
 * (pressKey, launchApp, openLink, shell; device-steps.ts). `capture` only records evidence and does
 * nothing here. Any other step (if, repeat, waitForFirst, run, swipe, longPress, grantSpecialAccess,
 * dismissSystemDialogs) throws: a test must run those through the real stack, never skip them.
 */
export async function runSteps(device: VirtualAndroidDevice, steps: readonly FlowStep[], values = new Map<string, string>()): Promise<Map<string, string>> {
  for (const step of steps) {
    const timeoutMs = Math.min(step.timeoutMs ?? 3000, 5000);
    if (await runDeviceStep(device, step)) continue;
    switch (step.action) {
      case 'tap':
        device.ui.click((await waitForNode(device, simple(step.args, step.action), timeoutMs)).uid);
        break;
      case 'tapIfPresent': {
        const found = await waitForNode(device, simple(step.args, step.action), Math.min(timeoutMs, 300)).catch(() => undefined);
        if (found) device.ui.click(found.uid);
        break;
      }
      case 'type': {
        const node = await waitForNode(device, simple(step.args.into, step.action), timeoutMs);
        device.ui.setText(node.uid, step.args.text);
        break;
      }
      case 'waitFor':
        await waitForNode(device, simple(step.args, step.action), timeoutMs);
        break;
      case 'waitGone': {
        const deadline = Date.now() + timeoutMs;
        while (findAll(device, simple(step.args, step.action)).length > 0) {
          if (Date.now() > deadline) throw new Error(`${JSON.stringify(step.args)} still shown`);
          await sleep(10);
        }
        break;
      }
      case 'scrollTo': {
        const { screenWidth: w, screenHeight: h } = device.profile;
        for (let attempt = 0; findAll(device, simple(step.args, step.action)).length === 0; attempt += 1) {
          if (attempt > 12) throw new Error(`${JSON.stringify(step.args)} not found after scrolling`);
          device.ui.swipe(w / 2, h * 0.75, w / 2, h * 0.3, 250);
        }
        break;
      }
      case 'readText':
        values.set(step.args.as, (await waitForNode(device, simple(step.args.from, step.action), timeoutMs)).text);
        break;
      case 'acceptPermissionDialogs':
        acceptPermissionDialogs(device, step.args.max);
        break;
      case 'back':
        device.ui.pressKey(4);
        break;
      case 'home':
        device.ui.pressKey(3);
        break;
      case 'wait':
        await sleep(step.args.ms);
        break;
      case 'assertVisible':
      case 'assertNotVisible': {
        const selector = simple(step.args, step.action);
        const deadline = Date.now() + (step.timeoutMs ?? 0);
        const wanted = step.action === 'assertVisible';
        while ((findAll(device, selector).length > 0) !== wanted) {
          if (Date.now() >= deadline) throw new Error(`${step.action} ${JSON.stringify(step.args)} failed${step.reason === undefined ? '' : `: ${step.reason}`}`);
          await sleep(10);
        }
        break;
      }
      case 'capture':
        break;
      default:
        throw new Error(`the in-process flow driver cannot run step '${step.action}': run it through the real stack (test/*.int.test.ts)`);
    }
  }
  return values;
}

export interface ReadEntry {
  threatName: string;
  /** Every text inside the entry. */
  text: string;
  packageName: string | undefined;
  category: string | undefined;
}

/** Reads every results entry through the profile's results mapping, scrolling as the harness does. */
export function readResults(device: VirtualAndroidDevice, mapping: ResultsMapping): ReadEntry[] {
  const seen = new Map<string, ReadEntry>();
  const { screenWidth: w, screenHeight: h } = device.profile;
  for (let page = 0; page < 15; page += 1) {
    const before = seen.size;
    for (const item of findAll(device, mapping.item as Selector)) {
      const inside = (selector: Selector | undefined): string | undefined =>
        selector === undefined ? undefined : findAll(device, selector, item)[0]?.text;
      const threatName = inside(mapping.threatName as Selector);
      if (threatName === undefined) continue;
      const text = flatten(item).map((node) => node.text).filter(Boolean).join('\n');
      const entry = { threatName, text, packageName: inside(mapping.package as Selector | undefined), category: inside(mapping.category as Selector | undefined) };
      seen.set(entry.text, entry);
    }
    if (!mapping.scroll || (page > 0 && seen.size === before)) break;
    device.ui.swipe(w / 2, h * 0.75, w / 2, h * 0.3, 250);
  }
  return [...seen.values()];
}
