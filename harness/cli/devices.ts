import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkLab, SETUP_COMMAND, type LabFinding } from '../android/check-lab.ts';
import { parseDevices, resolveAndroidEnv, runAdb } from '../android/index.ts';
import { resolveAvdHome } from '../android/android-env.ts';
import { loadEmulatorProfiles } from '../config/index.ts';
import { EXIT, HarnessError, formatError } from '../errors/index.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench devices [--configs <dir>]
       stalkerbench devices --redis <url>

Says whether this machine is a working lab for the device profiles in emulator-configs/, and what is
missing, each with the command that fixes it: ANDROID_HOME, the command-line tools, adb, the
emulator, each profile's system image and AVD, and KVM (the /dev/kvm device and \`emulator
-accel-check\`). AVDs are looked for in $ANDROID_AVD_HOME, else $ANDROID_USER_HOME/avd, else
$ANDROID_EMULATOR_HOME/avd, else ~/.android/avd. Then lists the devices the adb server
($ANDROID_ADB_SERVER_PORT, default 5037) has attached now.

With --redis, lists instead the rounds coordinators serve on that Redis (serve-round) and the
workers that announced themselves there: host, devices, the cases each is running and has done.

options:
  --configs <dir>   folder of device profiles (default: emulator-configs)
  --redis <url>     the Redis of a round across machines (redis://[:password@]host:port)
  -h, --help        this text

exit codes: 0 ready for rounds, 2 bad input (profiles invalid), 3 something a round needs is missing
(listed with its fix) or adb is unusable
`;

export const command: Command = {
  summary: COMMAND_SUMMARIES['devices'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { configs: { type: 'string', default: 'emulator-configs' }, redis: { type: 'string' } } });
    if (positionals.length > 0) throw new HarnessError('USAGE', `unexpected argument '${positionals[0]}'`, { hint: 'stalkerbench devices [--configs dir] | devices --redis <url>' });
    if (values.redis !== undefined) {
      const { describeQueue } = await import('../distributed/describe-queue.ts');
      io.stdout(`${(await describeQueue(values.redis)).join('\n')}\n`);
      return EXIT.ok;
    }
    const profiles = await loadEmulatorProfiles(resolve(io.cwd, values.configs ?? 'emulator-configs'), { cwd: io.cwd });
    const findings = await checkLab({ env: io.env, profiles });
    io.stdout(`lab (AVDs in ${resolveAvdHome(io.env)}):\n`);
    for (const finding of findings) io.stdout(formatFinding(finding));

    io.stdout('device profiles:\n');
    for (const profile of profiles) {
      const present = findings.some((f) => f.subject === `AVD ${profile.avd}` && f.ok);
      io.stdout(`  ${profile.name.padEnd(20)} AVD ${profile.avd} (${present ? 'present' : 'missing'}), API ${profile.apiLevel} (Android ${profile.release}), ${profile.instances} instance(s)\n`);
    }

    let adbWorks = false;
    if (findings.some((f) => f.subject === 'adb' && f.ok)) {
      const env = resolveAndroidEnv({ env: io.env });
      try {
        const { stdout } = await runAdb(env, undefined, ['devices', '-l'], { timeoutMs: 30_000 });
        const devices = parseDevices(stdout);
        io.stdout(`attached to adb server on port ${env.adbServerPort}:${devices.length === 0 ? ' none' : ''}\n`);
        for (const device of devices) {
          io.stdout(`  ${device.serial.padEnd(20)} ${device.state}${device.properties['model'] ? `  ${device.properties['model']}` : ''}${device.isEmulator ? '  (emulator)' : ''}\n`);
        }
        adbWorks = true;
      } catch (error) {
        io.stdout(`adb server on port ${env.adbServerPort}: unusable\n${indent(formatError(error))}\n`);
      }
    }

    const missing = blockingFindings(findings);
    if (missing.length === 0 && adbWorks) {
      io.stdout('ready: a round can run on these profiles\n');
      return EXIT.ok;
    }
    if (missing.length > 0) {
      const bySetup = missing.some((f) => f.subject !== 'KVM' && f.subject !== 'emulator -accel-check');
      io.stdout(`not ready: ${missing.length} thing(s) missing (${missing.map((f) => f.subject).join(', ')})${bySetup ? `; ${SETUP_COMMAND} installs what the SDK lacks (--dry-run shows the commands)` : '; see the fix above'}\n`);
    }
    return EXIT.infrastructure;
  },
};

/**
 * What stands between this machine and a round: everything a round needs that is missing, and the
 * command-line tools when something that needs them to install (an image, an AVD, adb, the emulator) is.
 */
export function blockingFindings(findings: readonly LabFinding[]): LabFinding[] {
  const needed = findings.filter((f) => !f.ok && f.neededForRounds);
  const installable = needed.some((f) => f.subject === 'adb' || f.subject === 'emulator' || f.subject.startsWith('system image ') || f.subject.startsWith('AVD '));
  return findings.filter((f) => !f.ok && (f.neededForRounds || installable));
}

function formatFinding(finding: LabFinding): string {
  const status = finding.ok ? 'ok' : finding.neededForRounds ? 'MISSING' : 'absent';
  const note = !finding.ok && !finding.neededForRounds ? ' (only set-up needs it)' : '';
  return `  ${status.padEnd(8)} ${finding.subject}: ${finding.detail}${note}\n${finding.fix ? `           fix: ${finding.fix}\n` : ''}`;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}

