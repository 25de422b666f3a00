import { dirname, join } from 'node:path';
import { sdkToolPaths } from '../../harness/android/check-lab.ts';
import type { EmulatorProfile } from '../../harness/config/index.ts';
import { avdConfigOverrides } from './avd-config.ts';

/**
 * sdkmanager asks `Accept? (y/N):` once per licence (and once more to review them); this many "y"
 * lines answer every licence the SDK has with room to spare — what `yes | sdkmanager --licenses` does.
 */
const LICENCE_ANSWERS = 'y\n'.repeat(200);

/** One step of setting a lab up, printed by `--dry-run` and run otherwise. */
export type SetupStep =
  | {
    kind: 'run';
    /** The command as argv (never a shell line). */
    argv: string[];
    /** What it is for, printed before it runs. */
    why: string;
    /** What the command reads on stdin (its answers to prompts). */
    input?: string;
    timeoutMs: number;
  }
  /** Unpacks the command-line tools zip into `<sdk>/cmdline-tools/latest` (its top folder is `cmdline-tools/`). */
  | { kind: 'unpack-cmdline-tools'; zip: string; unpackDir: string; target: string; why: string }
  /** Sets the profile's keys in the AVD's config.ini, replacing the values avdmanager wrote. */
  | { kind: 'configure-avd'; configPath: string; overrides: Record<string, string>; why: string };

export interface PlanLabSetupOptions {
  sdkRoot: string;
  /** The AVD folder (harness/android `resolveAvdHome`): avdmanager is told to use it. */
  avdHome: string;
  profiles: readonly EmulatorProfile[];
  /** The command-line tools zip to install when `cmdline-tools/latest` is missing. */
  cmdlineToolsZip?: string;
}

/**
 * The steps that take a real Android SDK folder to a lab for the device profiles: the command-line
 * tools (from a zip the user downloaded), every licence accepted, platform-tools, the emulator and
 * each profile's system image, then an AVD per profile whose config.ini matches the profile.
 */
export function planLabSetup(options: PlanLabSetupOptions): SetupStep[] {
  const tools = sdkToolPaths(options.sdkRoot);
  const images = [...new Set(options.profiles.map((profile) => profile.systemImage))];
  const steps: SetupStep[] = [];
  if (options.cmdlineToolsZip !== undefined) {
    const cmdlineToolsDir = join(options.sdkRoot, 'cmdline-tools');
    steps.push({
      kind: 'unpack-cmdline-tools', zip: options.cmdlineToolsZip, unpackDir: join(cmdlineToolsDir, '.stalkerbench-unpack'),
      target: join(cmdlineToolsDir, 'latest'), why: `install the command-line tools (sdkmanager, avdmanager) from ${options.cmdlineToolsZip}`,
    });
  }
  steps.push(
    { kind: 'run', argv: [tools.sdkmanager, '--licenses'], input: LICENCE_ANSWERS, timeoutMs: 5 * 60_000, why: 'accept the SDK licences (answers "y" to every prompt; a declined licence skips its package)' },
    {
      kind: 'run', argv: [tools.sdkmanager, '--install', 'platform-tools', 'emulator', ...images], input: LICENCE_ANSWERS, timeoutMs: 60 * 60_000,
      why: `install platform-tools, the emulator and ${images.length} system image(s)`,
    },
  );
  for (const profile of options.profiles) {
    steps.push({
      kind: 'run',
      argv: [tools.avdmanager, 'create', 'avd', '--force', '--name', profile.avd, '--package', profile.systemImage, '--device', 'pixel_6'],
      // avdmanager asks "Do you wish to create a custom hardware profile? [no]": the profile's keys are set next.
      input: 'no\n',
      timeoutMs: 5 * 60_000,
      why: `create AVD ${profile.avd} for profile ${profile.name} (API ${profile.apiLevel}) in ${options.avdHome}`,
    });
    steps.push({
      kind: 'configure-avd', configPath: join(options.avdHome, `${profile.avd}.avd`, 'config.ini'), overrides: avdConfigOverrides(profile),
      why: `size AVD ${profile.avd} to ${profile.device.screen.width}x${profile.device.screen.height} at ${profile.device.screen.density} dpi`,
    });
  }
  return steps;
}

/** A step as the shell lines a person could paste (what `--dry-run` prints). */
export function describeStep(step: SetupStep): string[] {
  switch (step.kind) {
    case 'run': {
      const line = step.argv.map(quoteForShell).join(' ');
      if (step.input === LICENCE_ANSWERS) return [`yes | ${line}`];
      return [step.input === undefined ? line : `echo ${quoteForShell(step.input.trimEnd())} | ${line}`];
    }
    case 'unpack-cmdline-tools':
      return [
        `mkdir -p ${quoteForShell(dirname(step.unpackDir))}`,
        `unzip -q -o ${quoteForShell(step.zip)} -d ${quoteForShell(step.unpackDir)}`,
        `mv ${quoteForShell(join(step.unpackDir, 'cmdline-tools'))} ${quoteForShell(step.target)}`,
      ];
    case 'configure-avd':
      return [`# in ${step.configPath}: ${Object.entries(step.overrides).map(([key, value]) => `${key}=${value}`).join(' ')}`];
  }
}

function quoteForShell(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
