import type { ApkIdentity } from '../apk/types.ts';
import type { FlowStep, ResolvedSample, SetupStep } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { AndroidEnv } from '../android/index.ts';
import { runDeviceShell } from '../android/index.ts';
import { runFlow, type FlowContext, type StepTiming } from '../appium/flow-interpreter.ts';
import { switchAdbdRoot } from './adb-root.ts';
import { explainRefusal, findShellRefusals, viaOf } from './setup-refusals.ts';
import { runSettingsGrant, settingsGrantOf, sideloadSample } from './sample-settings-setup.ts';

export interface SampleSetupContext {
  env: AndroidEnv;
  serial: string;
  sample: ResolvedSample;
  identity: ApkIdentity;
  /** For the sample's own setup screens; opened lazily by the caller (again after an adbd restart). */
  flow: () => Promise<FlowContext>;
  /**
   * Before `adb root`/`adb unroot`: the transport drops and takes Appium's port forward with it, so
   * the caller ends its session (the next flow() opens a fresh one) and runs `restart` knowing the
   * device will go away and come back.
   */
  aroundAdbdRestart: (restart: () => Promise<void>) => Promise<void>;
  signal: AbortSignal;
}

const DEVICE_ACTIONS = new Set(['grantRuntimePermissions', 'enableAccessibilityService', 'enableDeviceAdmin', 'enableNotificationListener', 'hideLauncherIcon', 'startService', 'launch']);

/** `pkg/.Svc` or `pkg/com.x.Svc`: the form am, pm, dpm and settings all accept. */
function component(packageName: string, className: string): string {
  return `${packageName}/${className}`;
}

/** Whether the sample is installed with `-g` (all runtime permissions), as the methodology asks by default. */
export function grantsAllAtInstall(sample: ResolvedSample): boolean {
  const grant = sample.setup.find((step) => step.action === 'grantRuntimePermissions');
  return grant === undefined || grant.args === 'all';
}

/** The device commands (argv, never a shell line) one structured setup action stands for. */
export async function commandsForSetupAction(
  step: SetupStep,
  sample: ResolvedSample,
  identity: ApkIdentity,
  readSetting: (namespace: string, key: string) => Promise<string>,
): Promise<string[][]> {
  const pkg = sample.package;
  switch (step.action) {
    case 'grantRuntimePermissions':
      return step.args === 'all' ? [] : step.args.map((permission) => ['pm', 'grant', pkg, permission]);
    case 'enableAccessibilityService': {
      const current = (await readSetting('secure', 'enabled_accessibility_services')).trim();
      const services = current === '' || current === 'null' ? [] : current.split(':');
      const wanted = component(pkg, step.args);
      if (!services.includes(wanted)) services.push(wanted);
      return [
        ['settings', 'put', 'secure', 'enabled_accessibility_services', services.join(':')],
        ['settings', 'put', 'secure', 'accessibility_enabled', '1'],
      ];
    }
    case 'enableDeviceAdmin':
      return [['dpm', 'set-active-admin', '--user', 'current', component(pkg, step.args)]];
    case 'enableNotificationListener':
      return [['cmd', 'notification', 'allow_listener', component(pkg, step.args)]];
    case 'hideLauncherIcon': {
      if (!identity.launchableActivity) return [];
      return [['pm', 'disable', component(pkg, identity.launchableActivity)]];
    }
    case 'startService':
      return [['am', 'start-foreground-service', '-n', component(pkg, step.args.component)]];
    case 'launch': {
      const activity = step.args === true ? identity.launchableActivity : step.args;
      if (!activity) {
        throw new HarnessError('FLOW_STEP_FAILED', `sample ${sample.id} has no launcher activity to launch`, {
          hint: `name the activity: "- launch: .MainActivity" in ${sample.pinnedAt.split(' ')[0] ?? 'the catalogue'}`,
        });
      }
      return [['am', 'start', '-W', '-n', component(pkg, activity)]];
    }
    default:
      return [];
  }
}

/**
 * Sets the sample up as an abuser would: a sideloaded sample (`install: sideload`) is installed again
 * through the package installer first; then its setup list in order, structured actions through adb
 * (argv arrays, quoted for the device shell) or, with `setupVia: settings` and for `grantSpecialAccess`,
 * through Android's Settings screens; UI steps through Appium. A step written `via: root`
 * switches adbd to root first (once); adbd goes back to the shell user when setup ends. A step
 * Android refuses ends the case as flow-error naming the rule — before anything runs when the
 * manifest already tells.
 */
export async function runSampleSetup(context: SampleSetupContext): Promise<StepTiming[]> {
  const refusals = findShellRefusals(context.sample, context.identity);
  if (refusals.length > 0) {
    throw new HarnessError('FLOW_STEP_FAILED', `sample ${context.sample.id}: ${refusals.join('; ')}`, {
      hint: `rewrite the setup of ${context.sample.id} in ${context.sample.pinnedAt.split(' ')[0] ?? 'the catalogue'} (see scenarios/README.md, "via")`,
    });
  }
  const timings: StepTiming[] = [];
  let root = false;
  const switchRoot = async (wanted: boolean): Promise<void> => {
    await context.aroundAdbdRestart(() => switchAdbdRoot(context.env, context.serial, wanted, context.signal));
    root = wanted;
  };
  let failure: { error: unknown } | undefined;
  try {
    if (context.sample.install === 'sideload') {
      const started = performance.now();
      await sideloadSample(context);
      timings.push({ flow: 'sample-setup', index: 0, action: 'sideload', ms: Math.round(performance.now() - started) });
    }
    for (const [index, step] of context.sample.setup.entries()) {
      const started = performance.now();
      const grant = settingsGrantOf(step, context.sample);
      if (grant !== undefined) {
        await runSettingsGrant(context, grant, index, step.action);
        timings.push({ flow: 'sample-setup', index, action: step.action, ms: Math.round(performance.now() - started) });
      } else if (DEVICE_ACTIONS.has(step.action)) {
        if (viaOf(step) === 'root' && !root) await switchRoot(true);
        await runDeviceStep(context, step, index);
        timings.push({ flow: 'sample-setup', index, action: step.action, ms: Math.round(performance.now() - started) });
      } else {
        timings.push(...(await runFlow('sample-setup', [step as FlowStep], await context.flow(), index)));
      }
    }
  } catch (error) {
    failure = { error };
  }
  // Back to the shell user whatever happened: the rest of the case runs as a real lab's would. A
  // failing unroot does not hide the step that failed first.
  if (root && !context.signal.aborted) {
    try {
      await switchRoot(false);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
  return timings;
}

async function runDeviceStep(context: SampleSetupContext, step: SetupStep, index: number): Promise<void> {
  const readSetting = async (namespace: string, key: string): Promise<string> =>
    (await runDeviceShell(context.env, context.serial, ['settings', 'get', namespace, key], { signal: context.signal })).stdout;
  for (const argv of await commandsForSetupAction(step, context.sample, context.identity, readSetting)) {
    const result = await runDeviceShell(context.env, context.serial, argv, { signal: context.signal, reject: false, timeoutMs: 30_000 });
    const output = `${result.stdout}${result.stderr}`;
    if (result.exitCode !== 0 || /^(Error|Exception|Failure|java\.)/m.test(output)) {
      const tail = output.trim().split('\n').slice(-3).join(' / ');
      const rule = explainRefusal(output, argv);
      throw new HarnessError('FLOW_STEP_FAILED', `sample setup step ${index + 1} (${step.action}) on ${context.serial}: \`${argv.join(' ')}\` failed: ${rule === undefined ? tail : `${rule} (device: ${tail})`}`, {
        hint: rule === undefined ? 'check the component name against `stalkerbench inspect-apk` of the sample' : 'see scenarios/README.md, "via", for the ways a real phone allows',
      });
    }
  }
}
