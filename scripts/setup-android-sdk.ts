/**
 * For a lab with a real Android SDK: installs what the device profiles in emulator-configs/ need and
 * creates their AVDs, so `stalkerbench run` finds them. Needs $ANDROID_HOME with cmdline-tools.
 *
 *   ANDROID_HOME=~/Android/Sdk node bin/run-ts.js scripts/setup-android-sdk.ts [--dry-run]
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEmulatorProfiles } from '../harness/config/index.ts';
import { formatError } from '../harness/errors/index.ts';
import { avdConfigOverrides, sdkCommandsFor } from './android-sdk/sdk-commands.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, configs: { type: 'string', default: 'emulator-configs' } } });
  const sdkRoot = process.env['ANDROID_HOME'] ?? process.env['ANDROID_SDK_ROOT'];
  if (!sdkRoot) {
    process.stderr.write('error: set ANDROID_HOME to your Android SDK (with cmdline-tools/latest installed from Android Studio\'s SDK Manager)\n');
    return 2;
  }
  const profiles = await loadEmulatorProfiles(values.configs ?? 'emulator-configs');
  for (const command of sdkCommandsFor(sdkRoot, profiles)) {
    process.stdout.write(`# ${command.why}\n${command.argv.join(' ')}\n`);
    if (values['dry-run']) continue;
    if (!existsSync(command.argv[0] ?? '')) {
      process.stderr.write(`error: ${command.argv[0]} not found; install "Android SDK Command-line Tools (latest)"\n`);
      return 2;
    }
    await execa(command.argv[0] ?? '', command.argv.slice(1), { stdio: 'inherit', input: 'no\n' });
  }
  if (values['dry-run']) return 0;
  const avdHome = process.env['ANDROID_AVD_HOME'] ?? join(homedir(), '.android', 'avd');
  for (const profile of profiles) {
    const config = join(avdHome, `${profile.avd}.avd`, 'config.ini');
    const lines = Object.entries(avdConfigOverrides(profile)).map(([key, value]) => `${key}=${value}`).join('\n');
    await appendFile(config, `\n${lines}\n`);
    process.stdout.write(`sized ${config} to ${profile.device.screen.width}x${profile.device.screen.height}\n`);
  }
  process.stdout.write('done: check with `$ANDROID_HOME/emulator/emulator -list-avds` and `stalkerbench devices`\n');
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${formatError(error)}\n`);
  process.exitCode = 2;
});
