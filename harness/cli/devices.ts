import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDevices, resolveAndroidEnv, runAdb } from '../android/index.ts';
import { loadEmulatorProfiles } from '../config/index.ts';
import { EXIT, HarnessError } from '../errors/index.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench devices [--configs <dir>]

Shows what a round could run on: the device profiles in emulator-configs/ (with whether their AVD
exists under $ANDROID_AVD_HOME or ~/.android/avd), and the devices the adb server
($ANDROID_ADB_SERVER_PORT, default 5037) has attached now.

options:
  --configs <dir>   folder of device profiles (default: emulator-configs)
  -h, --help        this text

exit codes: 0 ok, 2 bad input (profiles invalid), 3 adb or ANDROID_HOME unusable
`;

export const command: Command = {
  summary: COMMAND_SUMMARIES['devices'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { configs: { type: 'string', default: 'emulator-configs' } } });
    if (positionals.length > 0) throw new HarnessError('USAGE', `unexpected argument '${positionals[0]}'`, { hint: 'stalkerbench devices [--configs dir]' });
    const profiles = await loadEmulatorProfiles(resolve(io.cwd, values.configs ?? 'emulator-configs'), { cwd: io.cwd });
    const env = resolveAndroidEnv({ env: io.env });
    const avdHome = env.avdHome ?? join(env.home, '.android', 'avd');
    io.stdout('device profiles:\n');
    for (const profile of profiles) {
      const present = existsSync(join(avdHome, `${profile.avd}.ini`));
      io.stdout(`  ${profile.name.padEnd(20)} AVD ${profile.avd} (${present ? 'present' : 'missing'}), API ${profile.apiLevel} (Android ${profile.release}), ${profile.instances} instance(s)\n`);
    }
    const { stdout } = await runAdb(env, undefined, ['devices', '-l'], { timeoutMs: 30_000 });
    const devices = parseDevices(stdout);
    io.stdout(`attached to adb server on port ${env.adbServerPort}:${devices.length === 0 ? ' none' : ''}\n`);
    for (const device of devices) {
      io.stdout(`  ${device.serial.padEnd(20)} ${device.state}${device.properties['model'] ? `  ${device.properties['model']}` : ''}${device.isEmulator ? '  (emulator)' : ''}\n`);
    }
    return EXIT.ok;
  },
};
