/**
 * What Android refuses a sample's setup steps, said in words a lab can act on. Read before running
 * (from the sample's manifest) and from the device's own answers (am, pm, adbd) while running.
 *
 * The rules (frameworks/base): the shell uid (2000) cannot start a service another app did not
 * export (ActiveServices.retrieveServiceLocked → checkComponentPermission: "Requires permission not
 * exported from uid …"), nor an activity (ActivityTaskSupervisor.checkStartAnyActivityPermission),
 * nor change any component's enabled state of an app that is not android:testOnly
 * (PackageManagerService.setEnabledSettings: "Shell cannot change component state …"). `adb root`
 * works only on debuggable images (adbd restart_service.cpp: "adbd cannot run as root in production builds").
 */
import type { ApkComponent, ApkIdentity } from '../apk/types.ts';
import type { ResolvedSample, SetupStep } from '../config/index.ts';

const WHAT_TO_DO = 'use the sample\'s own setup screen (UI steps: launch, tap, waitFor) or `via: root` on a debuggable image (Google APIs, not Google Play)';

/** The identity a privileged step runs as: the catalogue's `via`, shell when it says nothing. */
export function viaOf(step: SetupStep): 'shell' | 'root' {
  if (step.action === 'startService' || step.action === 'hideLauncherIcon') return step.args.via;
  return 'shell';
}

/** `.Svc` → `com.x.Svc`, as PackageParser expands manifest names. */
function fullName(packageName: string, className: string): string {
  return className.startsWith('.') ? `${packageName}${className}` : className;
}

/** android:exported as Android resolves it: explicit value, else true when an intent-filter exists. */
function isExported(component: ApkComponent): boolean {
  return component.exported ?? (component.actions.length > 0 || component.categories.length > 0);
}

/**
 * The steps the shell user will be refused, read from the manifest before anything runs; each as
 * a sentence naming the rule and what to do. Empty when every step is allowed.
 */
export function findShellRefusals(sample: ResolvedSample, identity: ApkIdentity): string[] {
  const refusals: string[] = [];
  const pkg = sample.package;
  sample.setup.forEach((step, index) => {
    if (viaOf(step) !== 'shell') return;
    const where = `setup step ${index + 1} (${step.action})`;
    if (step.action === 'startService') {
      const name = fullName(pkg, step.args.component);
      const component = identity.components.find((entry) => entry.name === name && entry.kind !== 'activity' && entry.kind !== 'receiver');
      if (component !== undefined && !isExported(component)) refusals.push(`${where}: ${serviceRefusal(`${pkg}/${step.args.component}`)}`);
    } else if (step.action === 'hideLauncherIcon' && !identity.testOnly && identity.launchableActivity !== undefined) {
      refusals.push(`${where}: ${componentStateRefusal(`${pkg}/${identity.launchableActivity}`)}`);
    } else if (step.action === 'launch') {
      const name = step.args === true ? identity.launchableActivity : fullName(pkg, step.args);
      const component = identity.components.find((entry) => entry.name === name && (entry.kind === 'activity' || entry.kind === 'activity-alias'));
      if (component !== undefined && !isExported(component)) refusals.push(`${where}: ${activityRefusal(`${pkg}/${name ?? ''}`)}`);
    }
  });
  return refusals;
}

function serviceRefusal(component: string): string {
  return `Android refuses the shell user to start the non-exported service ${component} (ActiveServices: not exported); ${WHAT_TO_DO}`;
}

function activityRefusal(component: string): string {
  return `Android refuses the shell user to start the non-exported activity ${component} (ActivityTaskSupervisor: Permission Denial, not exported); ${WHAT_TO_DO}`;
}

function componentStateRefusal(component: string): string {
  return `Android refuses the shell user to change the enabled state of ${component} (PackageManagerService.setEnabledSettings: Shell cannot change component state); ${WHAT_TO_DO}`;
}

/** adbd on a user build (ro.debuggable=0). */
export const ROOT_REFUSED = 'this image does not allow adb root (adbd cannot run as root in production builds: ro.debuggable=0, e.g. a Google Play image); use the sample\'s own setup screen (UI steps), or `via: root` on a Google APIs image';

/** The rule behind a refused device command's output, or undefined when the output names none. */
export function explainRefusal(output: string, argv: readonly string[]): string | undefined {
  const component = argv.find((arg) => arg.includes('/')) ?? '';
  if (output.includes('Requires permission not exported from uid')) return serviceRefusal(component);
  if (output.includes('Shell cannot change component state')) return componentStateRefusal(component);
  if (/Permission Denial: starting Intent .* not exported/.test(output)) return activityRefusal(component);
  if (output.includes('cannot run as root in production builds')) return ROOT_REFUSED;
  return undefined;
}
