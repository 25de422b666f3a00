/**
 * Runs the two screens an app built for an old Android meets when it is started (old-app-screens.ts):
 * the permission review that replaces the start while review is required (device/permission-review.ts),
 * and the deprecated-target warning shown over the app once its activity has started
 * (device/app-warnings.ts).
 */
import { startActivity } from '../../device/activity-manager.ts';
import { hideDeprecatedTargetWarning, needsDeprecatedTargetWarning } from '../../device/app-warnings.ts';
import { confirmPermissionsReview, REVIEW_PERMISSIONS_ACTIVITY, reviewedPermissions } from '../../device/permission-review.ts';
import { LAUNCHER_PACKAGE, type UiNode } from '../../ui/index.ts';
import { SYSTEM_PACKAGE } from './app-error-screens.ts';
import { buildDeprecatedTargetScreen, buildReviewScreen, DEPRECATED_TARGET_WINDOW, REVIEW_SWITCH_ID } from './old-app-screens.ts';
import { groupPermissions } from './permission-groups.ts';
import type { Device, SystemScreenBroker } from './system-screen-broker.ts';

/** The start ActivityStarter replaced with the review (EXTRA_INTENT). */
export interface ReviewedStart {
  packageName: string;
  activity: string;
  intentText: string;
}

const reviewing = new WeakMap<SystemScreenBroker, Set<string>>();

/**
 * ReviewPermissionsActivity for one intercepted start. "Continue" applies the switches and sends the
 * original start (which then meets the deprecated-target warning); "Cancel" or BACK drops it.
 */
export async function reviewPermissions(device: Device, broker: SystemScreenBroker, start: ReviewedStart, signal: AbortSignal): Promise<void> {
  const record = device.packages.get(start.packageName);
  if (!record) return;
  const pending = reviewing.get(broker) ?? new Set<string>();
  reviewing.set(broker, pending);
  if (pending.has(start.packageName)) return;
  pending.add(start.packageName);
  try {
    const api = device.profile.apiLevel;
    const groups = groupPermissions(reviewedPermissions(record, api));
    const controller = broker.permissionControllerPackage;
    const answer = await broker.askOnScreen(
      (prefix) => device.ui.showScreen(controller, buildReviewScreen(record.label, groups.map((entry) => entry.group), prefix), REVIEW_PERMISSIONS_ACTIVITY),
      signal,
      () => device.ui.focusedWindow().packageName !== controller,
    );
    if (answer === 'continue') {
      const switches = readSwitches(device.ui.hierarchy(), controller);
      const refused = new Set(groups.flatMap((entry, index) => (switches[index] === false ? entry.permissions : [])));
      const allowed = new Set(reviewedPermissions(record, api).filter((name) => !refused.has(name)));
      confirmPermissionsReview(record, api, allowed, (permission, granted) => void device.packages.grant(start.packageName, permission, granted));
      device.logSystem('ReviewPermissionsFragment', `Permission review confirmed for ${start.packageName}: ${allowed.size} granted, ${refused.size} revoked`);
    }
    if (device.ui.focusedWindow().packageName === controller) device.ui.closePackage(controller);
    if (answer === 'continue') startActivity(device, start.packageName, start.activity, start.intentText);
  } finally {
    pending.delete(start.packageName);
  }
}

/**
 * DeprecatedTargetSdkVersionDialog over the app whose activity just started, unless the user hid it
 * with "OK" before. The system window stays above the app: if the app brings another of its
 * activities to the front meanwhile, the warning is put back on top. BACK dismisses it for this start
 * only.
 */
export async function showDeprecatedTargetWarning(device: Device, broker: SystemScreenBroker, packageName: string, signal: AbortSignal): Promise<void> {
  const record = device.packages.get(packageName);
  if (!record || !needsDeprecatedTargetWarning(device, record)) return;
  if (device.ui.focusedWindow().packageName !== packageName) return;
  device.logSystem('AppWarnings', `Showing deprecated target SDK dialog for ${packageName} (targetSdk ${record.targetSdk})`);
  const isWarning = (): boolean => {
    const focused = device.ui.focusedWindow();
    return focused.packageName === SYSTEM_PACKAGE && focused.activity === DEPRECATED_TARGET_WINDOW;
  };
  for (;;) {
    const returnTo = device.ui.focusedWindow();
    const answer = await broker.askOnScreen(
      (prefix) => device.ui.showScreen(SYSTEM_PACKAGE, buildDeprecatedTargetScreen(record.label, prefix), DEPRECATED_TARGET_WINDOW),
      signal,
      () => !isWarning(),
    );
    if (answer === 'ok') {
      hideDeprecatedTargetWarning(device, packageName);
      device.ui.closePackage(SYSTEM_PACKAGE);
      if (returnTo.packageName === packageName) device.ui.startActivity(packageName, returnTo.activity);
      return;
    }
    const focused = device.ui.focusedWindow();
    if (focused.packageName === LAUNCHER_PACKAGE || (focused.packageName === packageName && focused.activity === returnTo.activity)) {
      // BACK closed the dialog: the app it covered is in front again (its task was under the warning's).
      device.ui.startActivity(packageName, returnTo.activity);
      return;
    }
    if (focused.packageName !== packageName || !device.packages.get(packageName)) return;
    // The app moved to another of its activities: the system window is still above it.
    device.ui.closePackage(SYSTEM_PACKAGE);
  }
}

/** The review rows' switch states, top to bottom. */
function readSwitches(root: UiNode, packageName: string): boolean[] {
  const states: boolean[] = [];
  const visit = (node: UiNode): void => {
    if (node.packageName === packageName && node.resourceId === REVIEW_SWITCH_ID) states.push(node.checked);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return states;
}
