import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { attachDevice, authoringAndroidEnv, chooseDevice } from '../authoring/attach-device.ts';
import { CaptureFolder } from '../authoring/capture-folder.ts';
import { formatMs, isFlowFailure, runFlowStepByStep } from '../authoring/try-flow-steps.ts';
import { displayPathOf, loadProductProfile, verifyPinnedFile, type ResolvedProduct } from '../config/index.ts';
import { EXIT, HarnessError, exitCodeFor } from '../errors/index.ts';
import type { FlowContext, ParsedStep } from '../flow/context.ts';
import { redactSecrets } from '../flow/secrets.ts';
import { createSystemDialogWatch } from '../flow/system-dialogs/dismiss-system-dialog.ts';
import { readConfiguredApk } from '../round/configured-apk.ts';
import { installConfiguredApk } from '../round/install-configured-apk.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const DEFAULT_STEP_MS = 15_000;

const HELP = `usage: stalkerbench try-flow <profile.yaml> --flow <name> [--device <serial> | --avd <name>]
                           [--install] [--launch] [--out <dir>] [--step-timeout <ms>]

Runs one flow of a product profile on one running device, without a round: step by step through
the harness's own flow interpreter, printing each step's outcome and time as it ends. What the
flow captures (its capture steps, and the screenshot and UI dump at a failing step) goes to one
folder, named at the end. The device is used as it is: put it on the screen the flow starts from
(a round starts the product before onboarding: --launch does the same).

options:
  --flow <name>         the flow: onboarding, update, scan, results, dismissAlert, or a named flow
  --device <serial>     the device (\`adb devices\`); default: the only one attached
  --avd <name>          the running emulator of this AVD
  --install             install the profile's APK first (adb install -r), after checking its SHA-256
  --launch              start the product (its launcher activity) before the flow
  --out <dir>           the capture folder (default: reports/try-flow/<id>-<flow>-<time>)
  --step-timeout <ms>   budget of a step without timeoutMs (default ${DEFAULT_STEP_MS}, a round's timeouts.stepMs;
                        scan steps get at least the profile's expectedDelays.scanMs, as in a round)
  -h, --help            this text

exit codes: 0 every step passed; 2 bad input: the profile is invalid, names no such flow, its APK
does not match its SHA-256 pin, no such device, or a step failed because the app did not show what
the profile expects (fix the profile: see the capture folder); 3 adb, Appium or the device failed
`;

interface TryFlowOptions {
  profile: string;
  flow: string;
  serial: string | undefined;
  avd: string | undefined;
  install: boolean;
  launch: boolean;
  out: string | undefined;
  stepTimeoutMs: number;
}

function usageError(message: string, cause?: unknown): HarnessError {
  return new HarnessError('USAGE', `try-flow: ${message}`, { hint: 'run `stalkerbench try-flow --help`', ...(cause === undefined ? {} : { cause }) });
}

function parseTryFlowArgs(argv: string[]): TryFlowOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, strict: true, allowPositionals: true,
      options: {
        flow: { type: 'string' }, device: { type: 'string' }, avd: { type: 'string' }, install: { type: 'boolean', default: false },
        launch: { type: 'boolean', default: false }, out: { type: 'string' }, 'step-timeout': { type: 'string' },
      },
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), error);
  }
  const [profile, ...extra] = parsed.positionals;
  const { values } = parsed;
  if (profile === undefined || extra.length > 0) throw usageError('takes exactly one product profile');
  if (values.flow === undefined) throw usageError('--flow <name> is required');
  if (values.device !== undefined && values.avd !== undefined) throw usageError('give --device or --avd, not both');
  const stepTimeoutMs = values['step-timeout'] === undefined ? DEFAULT_STEP_MS : Number(values['step-timeout']);
  if (!Number.isInteger(stepTimeoutMs) || stepTimeoutMs <= 0) throw usageError(`--step-timeout ${values['step-timeout']}: expected a positive number of milliseconds`);
  return { profile, flow: values.flow, serial: values.device, avd: values.avd, install: values.install ?? false, launch: values.launch ?? false, out: values.out, stepTimeoutMs };
}

/** The named flow's steps; an unknown or absent one is bad input listing those the profile has. */
function pickFlow(product: ResolvedProduct, name: string, cwd: string): ParsedStep[] {
  // The profile's flows, then the named flows of its `use:` snippets.
  const flows: Record<string, unknown> = { ...product.namedFlows, ...(product.flows as Record<string, unknown>) };
  const steps = Object.hasOwn(flows, name) ? flows[name] : undefined;
  if (Array.isArray(steps)) return steps as ParsedStep[];
  const available = Object.entries(flows).filter(([, value]) => Array.isArray(value)).map(([key]) => key);
  throw new HarnessError('USAGE', `try-flow: ${displayPathOf(product.profileFile, cwd)} has no flow ${JSON.stringify(name)}`, { hint: `its flows: ${available.join(', ')}` });
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Device text reaches the terminal without controls that could move the cursor or reorder the line. */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

async function installProduct(product: ResolvedProduct, options: { env: ReturnType<typeof authoringAndroidEnv>; serial: string; cwd: string; signal: AbortSignal }): Promise<void> {
  await verifyPinnedFile({ file: product.apk.file, sha256: product.apk.sha256, pinnedAt: product.pinnedAt }, options.cwd);
  for (const split of product.apk.splits ?? []) await verifyPinnedFile(split, options.cwd);
  const { identity } = await readConfiguredApk(product.apk);
  if (identity.packageName !== product.package) {
    throw new HarnessError('PACKAGE_MISMATCH', `${product.pinnedAt}: ${displayPathOf(product.apk.file, options.cwd)} declares package ${identity.packageName}, the profile says ${product.package}`, {
      hint: 'point apk.file at the product\'s APK, or correct `package`',
    });
  }
  await installConfiguredApk({ env: options.env, serial: options.serial, file: product.apk.file, sha256: product.apk.sha256, splits: product.apk.splits, grantAll: false, testOnly: identity.testOnly, what: `product ${product.id}`, signal: options.signal });
}

async function runTryFlow(argv: string[], io: CliIo): Promise<number> {
  const options = parseTryFlowArgs(argv);
  const product = await loadProductProfile(options.profile, { cwd: io.cwd, env: io.env });
  const steps = pickFlow(product, options.flow, io.cwd);
  const env = authoringAndroidEnv(io.env);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  const print = (line: string): void => io.stdout(`${sanitize(redactSecrets(line))}\n`);
  try {
    const device = await chooseDevice(env, { serial: options.serial, avd: options.avd }, controller.signal);
    if (options.install) {
      await installProduct(product, { env, serial: device.serial, cwd: io.cwd, signal: controller.signal });
      print(`installed ${displayPathOf(product.apk.file, io.cwd)} (SHA-256 matches its pin) on ${device.serial}`);
    }
    const attached = await attachDevice(env, io.env, device, controller.signal);
    const folder = new CaptureFolder(resolve(io.cwd, options.out ?? join('reports', 'try-flow', `${product.id}-${options.flow}-${timestamp(new Date())}`)));
    let keepLog = true;
    try {
      if (options.launch) await attached.driver.execute('mobile: activateApp', { appId: product.package });
      const context: FlowContext = {
        driver: attached.driver,
        defaultStepTimeoutMs: options.flow === 'scan' ? Math.max(options.stepTimeoutMs, product.expectedDelays.scanMs) : options.stepTimeoutMs,
        autoAcceptPermissionDialogs: product.autoAcceptPermissionDialogs,
        signal: controller.signal,
        capture: async (name) => { await folder.capture(name, attached.driver); },
        values: new Map(),
        // As a case runs it: the profile's named flows for `run` steps, its system-dialog handlers
        // (each answered dialog printed), `${env:NAME}` from this command's environment.
        flows: product.namedFlows,
        env: io.env,
        systemDialogHandlers: createSystemDialogWatch(product.systemDialogs, async (dialog) => {
          print(`  answered system dialog ${dialog.index} (${dialog.name}): ${dialog.text}`);
        }),
      };
      print(`try-flow ${options.flow} of ${product.id} (${product.name}) on ${device.serial}: ${steps.length} step${steps.length === 1 ? '' : 's'}`);
      const result = await runFlowStepByStep(options.flow, steps, context, print);
      const total = result.timings.filter((timing) => timing.path === undefined).reduce((sum, timing) => sum + timing.ms, 0);
      for (const [name, value] of context.values) print(`  read ${name} = ${JSON.stringify(value)}`);
      if (folder.files.length > 0) print(`captures in ${displayPathOf(folder.dir, io.cwd)}: ${folder.files.join(', ')}`);
      if (result.error === undefined) {
        keepLog = false;
        print(`${options.flow} passed: ${steps.length} step${steps.length === 1 ? '' : 's'} in ${formatMs(total)}`);
        return EXIT.ok;
      }
      keepLog = !isFlowFailure(result.error);
      print(`${options.flow} failed at step ${result.failedStep} of ${steps.length}${folder.files.length > 0 ? `; the screen at the failure is in ${displayPathOf(folder.dir, io.cwd)}` : ''}`);
      return isFlowFailure(result.error) ? EXIT.input : exitCodeFor(result.error);
    } finally {
      await attached.close({ keepLog });
      if (keepLog) io.stderr(`Appium's log is kept at ${attached.appiumLog}\n`);
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['try-flow'],
  help: HELP,
  run: runTryFlow,
};
