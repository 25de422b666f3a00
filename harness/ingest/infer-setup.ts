import type { ApkIdentity } from '../apk/index.ts';
import { componentNameSchema } from '../config/common-schemas.ts';
import { runtimePermissionsOf } from './runtime-permissions.ts';

/**
 * A setup step as the catalogue writes it (one-key mapping, or the bare word), with the comment
 * written above it for the person who reviews it.
 */
export interface InferredStep {
  step: Record<string, unknown> | string;
  comment: string;
}

export interface InferredSetup {
  steps: InferredStep[];
  /** What a person must check or add before the sample runs, one sentence each. */
  review: string[];
}

/** `com.x.svc.Sync` in package `com.x` → `.svc.Sync`, as the catalogue writes components. */
function relativeName(packageName: string, className: string): string {
  return className.startsWith(`${packageName}.`) ? className.slice(packageName.length) : className;
}

/**
 * The abuser's setup as the manifest shows it, for a person to review: grant the runtime
 * permissions it asks for, enable each accessibility service, notification listener and device
 * admin it declares (Android lets the adb shell do these: `settings put secure
 * enabled_accessibility_services`, `cmd notification allow_listener`, `dpm set-active-admin`),
 * and hide its launcher icon.
 *
 * Hiding the icon is a component state change, which Android refuses the shell user for any app
 * that is not android:testOnly (PackageManagerService.setEnabledSettings: "Shell cannot change
 * component state"); it is written `via: root`, which only debuggable images allow, with a review
 * note that the sample's own "hide" switch is the way on any other image. Starting the sample's
 * service is left out: the manifest does not say which service its own setup starts, and the
 * shell may not start one it did not export (ActiveServices.retrieveServiceLocked).
 */
export function inferSetup(identity: ApkIdentity): InferredSetup {
  const pkg = identity.packageName;
  const steps: InferredStep[] = [];
  const review: string[] = [];
  const runtime = runtimePermissionsOf(identity.permissions);
  if (runtime.length > 0) {
    steps.push({ step: { grantRuntimePermissions: 'all' }, comment: `asks for ${runtime.length} runtime permission(s): ${runtime.map((name) => name.replace(/^android\.permission\./, '')).join(', ')}` });
  }
  const byKind = (kind: string): string[] => {
    const names = identity.components.filter((component) => component.kind === kind).map((component) => component.name);
    // A class name the catalogue cannot hold (obfuscators emit any Unicode) is left for a person.
    for (const name of names.filter((name) => !componentNameSchema.safeParse(name).success)) {
      review.push(`the ${kind} ${JSON.stringify(name)} has a class name the catalogue cannot hold: set it up through the sample's own screens`);
    }
    return names.filter((name) => componentNameSchema.safeParse(name).success);
  };
  for (const name of byKind('accessibility-service')) {
    steps.push({ step: { enableAccessibilityService: relativeName(pkg, name) }, comment: 'declared accessibility service (BIND_ACCESSIBILITY_SERVICE)' });
  }
  for (const name of byKind('notification-listener')) {
    steps.push({ step: { enableNotificationListener: relativeName(pkg, name) }, comment: 'declared notification listener (BIND_NOTIFICATION_LISTENER_SERVICE)' });
  }
  for (const name of byKind('device-admin')) {
    steps.push({ step: { enableDeviceAdmin: relativeName(pkg, name) }, comment: 'declared device admin receiver (BIND_DEVICE_ADMIN)' });
  }
  if (identity.launchableActivity !== undefined) {
    if (identity.testOnly) {
      steps.push({ step: 'hideLauncherIcon', comment: 'testOnly app: the shell may disable its launcher activity' });
    } else {
      steps.push({ step: { hideLauncherIcon: { via: 'root' } }, comment: 'Android refuses the shell a component state change; adb root works on debuggable images only' });
      review.push('the launcher icon is hidden via root (Google APIs images only); on a Google Play image replace it with the UI steps of the sample\'s own "hide app" switch');
    }
  }
  review.push('the sample\'s own setup screen (account, licence, "start monitoring") cannot be read from the manifest: add its UI steps (launch, type, tap, waitFor) before the steps above');
  review.push('its service is not started: the manifest does not say which one its setup starts, and Android refuses the shell a service the app did not export (use its own screen, or startService via root)');
  return { steps, review };
}
