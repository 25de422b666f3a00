import type { ApkIdentity } from '../apk/types.ts';
import type { FlowStep, ResolvedSample, SetupStep } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { AndroidEnv } from '../android/index.ts';
import { runDeviceShell } from '../android/index.ts';
import { runFlow, type FlowContext, type StepTiming } from '../appium/flow-interpreter.ts';

export interface SampleSetupContext {
  env: AndroidEnv;
  serial: string;
  sample: ResolvedSample;
  identity: ApkIdentity;
  /** For the sample's own setup screens; opened lazily by the caller. */
  flow: () => Promise<FlowContext>;
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
      return [['am', 'start-foreground-service', '-n', component(pkg, step.args)]];
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
 * Sets the sample up as an abuser would: its setup list in order, structured actions through adb
 * (argv arrays, quoted for the device shell), UI steps through Appium.
 */
export async function runSampleSetup(context: SampleSetupContext): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  const readSetting = async (namespace: string, key: string): Promise<string> =>
    (await runDeviceShell(context.env, context.serial, ['settings', 'get', namespace, key], { signal: context.signal })).stdout;
  for (const [index, step] of context.sample.setup.entries()) {
    const started = performance.now();
    if (DEVICE_ACTIONS.has(step.action)) {
      for (const argv of await commandsForSetupAction(step, context.sample, context.identity, readSetting)) {
        const result = await runDeviceShell(context.env, context.serial, argv, { signal: context.signal, reject: false, timeoutMs: 30_000 });
        const output = `${result.stdout}${result.stderr}`;
        if (result.exitCode !== 0 || /^(Error|Exception|Failure|java\.)/m.test(output)) {
          throw new HarnessError('FLOW_STEP_FAILED', `sample setup step ${index + 1} (${step.action}) on ${context.serial}: \`${argv.join(' ')}\` failed: ${output.trim().split('\n').slice(-3).join(' / ')}`, {
            hint: 'check the component name against `stalkerbench inspect-apk` of the sample',
          });
        }
      }
      timings.push({ flow: 'sample-setup', index, action: step.action, ms: Math.round(performance.now() - started) });
    } else {
      timings.push(...(await runFlow('sample-setup', [step as FlowStep], await context.flow(), index)));
    }
  }
  return timings;
}
