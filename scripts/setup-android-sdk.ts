/**
 * Takes a Linux machine with internet to a lab that runs rounds on the real Android emulator: the
 * command-line tools (from the zip you download, see below), every SDK licence accepted, platform-tools,
 * the emulator, the system image of each device profile in emulator-configs/, an AVD per profile sized
 * like the profile, and a KVM check. `--dry-run` prints every command and changes nothing.
 *
 *   export ANDROID_HOME="$HOME/Android/Sdk"
 *   node bin/run-ts.js scripts/setup-android-sdk.ts --cmdline-tools-zip ~/Downloads/commandlinetools-linux-*_latest.zip
 *   node bin/run-ts.js scripts/setup-android-sdk.ts --dry-run
 *
 * AVDs go where the emulator looks for them (harness/android `resolveAvdHome`). Exit codes: 0 done,
 * 2 bad input (no ANDROID_HOME, no command-line tools and no zip), 3 a command failed or KVM is not usable.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findSdkRoot, resolveAvdHome } from '../harness/android/android-env.ts';
import { checkKvm, sdkToolPaths, type LabFinding } from '../harness/android/check-lab.ts';
import { loadEmulatorProfiles } from '../harness/config/index.ts';
import { EXIT, HarnessError, exitCodeFor, formatError } from '../harness/errors/index.ts';
import { applyAvdConfig } from './android-sdk/avd-config.ts';
import { runSdkCommand } from './android-sdk/run-sdk-command.ts';
import { describeStep, planLabSetup, type SetupStep } from './android-sdk/sdk-commands.ts';

const CMDLINE_TOOLS_PAGE = 'https://developer.android.com/studio#command-line-tools-only';

const USAGE = `usage: node bin/run-ts.js scripts/setup-android-sdk.ts [--dry-run] [--cmdline-tools-zip <file>] [--configs <dir>]

  --dry-run                  print every command it would run, change nothing
  --cmdline-tools-zip <file> the "Command line tools only" zip for Linux from
                             ${CMDLINE_TOOLS_PAGE}
                             (needed when $ANDROID_HOME/cmdline-tools/latest is missing)
  --configs <dir>            device profiles (default: emulator-configs)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      'cmdline-tools-zip': { type: 'string' },
      configs: { type: 'string', default: 'emulator-configs' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const dryRun = values['dry-run'] ?? false;
  const sdkRootText = findSdkRoot(process.env);
  if (!sdkRootText) {
    process.stderr.write('error: ANDROID_HOME is not set\nhint: choose the folder the SDK goes in, e.g. export ANDROID_HOME="$HOME/Android/Sdk", and run this again\n');
    return EXIT.input;
  }
  const sdkRoot = resolve(sdkRootText);
  const avdHome = resolve(resolveAvdHome(process.env));
  const tools = sdkToolPaths(sdkRoot);
  const zipText = values['cmdline-tools-zip'];
  const zip = zipText === undefined ? undefined : resolve(zipText);
  const haveCmdlineTools = existsSync(tools.sdkmanager) && existsSync(tools.avdmanager);
  if (zip !== undefined && !existsSync(zip)) {
    process.stderr.write(`error: --cmdline-tools-zip ${zip} does not exist\n`);
    return EXIT.input;
  }
  if (!haveCmdlineTools && zip === undefined) {
    const message = [
      `the Android command-line tools are not installed: no ${tools.sdkmanager}`,
      'steps:',
      `  1. download "Command line tools only" for Linux from ${CMDLINE_TOOLS_PAGE}`,
      '     (commandlinetools-linux-<version>_latest.zip; compare its SHA-256 with the one on that page: sha256sum <zip>)',
      '  2. node bin/run-ts.js scripts/setup-android-sdk.ts --cmdline-tools-zip <the zip>',
    ].join('\n');
    if (!dryRun) {
      process.stderr.write(`error: ${message}\n`);
      return EXIT.input;
    }
    process.stdout.write(`${message.split('\n').map((line) => `# ${line}`).join('\n')}\n# the commands after that:\n`);
  }

  const profiles = await loadEmulatorProfiles(resolve(values.configs ?? 'emulator-configs'));
  const steps = planLabSetup({ sdkRoot, avdHome, profiles, ...(zip !== undefined && !haveCmdlineTools ? { cmdlineToolsZip: zip } : {}) });
  const env = childEnv(sdkRoot, avdHome);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!dryRun) {
      await mkdir(sdkRoot, { recursive: true });
      await mkdir(avdHome, { recursive: true });
    }
    for (const step of steps) {
      process.stdout.write(`# ${step.why}\n${describeStep(step).join('\n')}\n`);
      if (!dryRun) await runStep(step, env, controller.signal);
    }
    process.stdout.write(`# check that the emulator can use KVM\ntest -r /dev/kvm -a -w /dev/kvm\n${tools.emulator} -accel-check\n`);
    if (dryRun) return EXIT.ok;
    const kvm = await checkKvm({ kvmDevice: '/dev/kvm', emulatorPath: tools.emulator, env, signal: controller.signal });
    for (const finding of kvm) process.stdout.write(formatKvmFinding(finding));
    if (kvm.some((finding) => !finding.ok)) {
      process.stderr.write('error: the SDK and the AVDs are set up, but the emulator cannot use KVM on this machine: fix what is listed above, then check with `node bin/stalkerbench.js devices`\n');
      return EXIT.infrastructure;
    }
    process.stdout.write('done: check with `node bin/stalkerbench.js devices`\n');
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Every tool sees the SDK and the AVD folder the harness resolved, whatever the user's shell had. */
function childEnv(sdkRoot: string, avdHome: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, ANDROID_HOME: sdkRoot, ANDROID_SDK_ROOT: sdkRoot, ANDROID_AVD_HOME: avdHome };
}

async function runStep(step: SetupStep, env: Record<string, string>, signal: AbortSignal): Promise<void> {
  let endsLine = true;
  const onOutput = (chunk: string): void => {
    process.stdout.write(chunk);
    endsLine = chunk.endsWith('\n');
  };
  switch (step.kind) {
    case 'run':
      try {
        await runSdkCommand(step.argv, { env, timeoutMs: step.timeoutMs, signal, onOutput, ...(step.input === undefined ? {} : { input: step.input }) });
      } finally {
        // A prompt answered from stdin leaves the line open.
        if (!endsLine) process.stdout.write('\n');
      }
      return;
    case 'unpack-cmdline-tools': {
      if (existsSync(step.target)) {
        throw new HarnessError('SETUP_MISSING', `${step.target} exists but has no bin/sdkmanager and bin/avdmanager`, {
          hint: `remove or rename ${step.target} (an incomplete install), then run this again`,
        });
      }
      await rm(step.unpackDir, { recursive: true, force: true });
      await mkdir(dirname(step.unpackDir), { recursive: true });
      await runSdkCommand(['unzip', '-q', '-o', step.zip, '-d', step.unpackDir], { env, timeoutMs: 5 * 60_000, signal });
      const unpacked = join(step.unpackDir, 'cmdline-tools');
      if (!existsSync(join(unpacked, 'bin', 'sdkmanager'))) {
        throw new HarnessError('SETUP_MISSING', `${step.zip} has no cmdline-tools/bin/sdkmanager`, {
          hint: `is it the "Command line tools only" zip for Linux from ${CMDLINE_TOOLS_PAGE}?`,
        });
      }
      await rename(unpacked, step.target);
      await rm(step.unpackDir, { recursive: true, force: true });
      return;
    }
    case 'configure-avd': {
      const text = await readFile(step.configPath, 'utf8').catch((error: unknown) => {
        throw new HarnessError('SETUP_MISSING', `avdmanager did not write ${step.configPath}`, { cause: error, hint: 'see avdmanager\'s output above' });
      });
      await writeFile(step.configPath, applyAvdConfig(text, step.overrides));
      return;
    }
  }
}

function formatKvmFinding(finding: LabFinding): string {
  return `${finding.ok ? 'ok' : 'NOT USABLE'}: ${finding.subject}: ${finding.detail}\n${finding.fix ? `  fix: ${finding.fix}\n` : ''}`;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${formatError(error)}\n`);
  process.exitCode = exitCodeFor(error);
});
