import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { access, chmod, constants, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../simulator/sdk/index.ts';
import { fakeCmdlineToolsScripts, writeFakeAndroidSdk, type FakeAndroidSdk } from '../../test/support/fake-android-sdk.ts';

/**
 * scripts/setup-android-sdk.ts run as a lab runs it, on a fake SDK whose sdkmanager, avdmanager and
 * emulator are shell scripts recording their argv and the answers they read (no network).
 */
const IMAGES = ['system-images;android-29;google_apis;x86_64', 'system-images;android-33;google_apis;x86_64'];
const kvmUsableHere = await access('/dev/kvm', constants.R_OK | constants.W_OK).then(() => true, () => false);

let dir: string;
let sdk: FakeAndroidSdk;
let env: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-setup-'));
  sdk = await writeFakeAndroidSdk(join(dir, 'sdk'), []);
  // AVDs belong in $ANDROID_USER_HOME/avd; ANDROID_EMULATOR_HOME comes later in the documented order.
  env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: join(dir, 'home'), ANDROID_HOME: sdk.root, ANDROID_USER_HOME: join(dir, 'user'), ANDROID_EMULATOR_HOME: join(dir, 'decoy') };
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function setup(args: readonly string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }> {
  const result = await execa('node', ['bin/run-ts.js', 'scripts/setup-android-sdk.ts', '--configs', join(REPO_ROOT, 'emulator-configs'), ...args], {
    cwd: REPO_ROOT, env, extendEnv: false, reject: false, timeout: 60_000, stdin: 'ignore',
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

async function cmdlineToolsZip(): Promise<string> {
  const folder = join(dir, 'zip-src', 'cmdline-tools', 'bin');
  await mkdir(folder, { recursive: true });
  const scripts = fakeCmdlineToolsScripts(sdk.log);
  for (const [name, text] of Object.entries(scripts)) {
    await writeFile(join(folder, name), text);
    await chmod(join(folder, name), 0o755);
  }
  const zip = join(dir, 'commandlinetools-linux-test_latest.zip');
  await execa('zip', ['-q', '-r', zip, 'cmdline-tools'], { cwd: join(dir, 'zip-src') });
  return zip;
}

describe('scripts/setup-android-sdk.ts', () => {
  it('without the command-line tools and no zip: says where to get them, exits 2 and runs nothing', async () => {
    const { exitCode, stderr } = await setup([]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('https://developer.android.com/studio#command-line-tools-only');
    expect(stderr).toContain('--cmdline-tools-zip <the zip>');
    expect(await sdk.calls()).toEqual([]);
  });

  it('--dry-run without the command-line tools and no zip prints the steps to get them, then the commands after that', async () => {
    const { exitCode, stdout } = await setup(['--dry-run']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^# the Android command-line tools are not installed: no \S+\/cmdline-tools\/latest\/bin\/sdkmanager$/m);
    expect(stdout).toMatch(/^# {3}2\. node bin\/run-ts\.js scripts\/setup-android-sdk\.ts --cmdline-tools-zip <the zip>$/m);
    expect(stdout).toMatch(/^yes \| \S+\/sdkmanager --licenses$/m);
    expect(stdout).not.toMatch(/^unzip /m);
    expect(await sdk.calls()).toEqual([]);
  });

  it('--dry-run prints every command in order and changes nothing', async () => {
    const zip = await cmdlineToolsZip();
    const { exitCode, stdout } = await setup(['--dry-run', '--cmdline-tools-zip', zip]);
    expect(exitCode).toBe(0);
    const commands = stdout.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const tools = join(sdk.root, 'cmdline-tools', 'latest', 'bin');
    expect(commands).toEqual([
      `mkdir -p ${sdk.root}/cmdline-tools`,
      `unzip -q -o ${zip} -d ${sdk.root}/cmdline-tools/.stalkerbench-unpack`,
      `mv ${sdk.root}/cmdline-tools/.stalkerbench-unpack/cmdline-tools ${sdk.root}/cmdline-tools/latest`,
      `yes | ${tools}/sdkmanager --licenses`,
      `yes | ${tools}/sdkmanager --install platform-tools emulator ${IMAGES.map((image) => `'${image}'`).join(' ')}`,
      `echo no | ${tools}/avdmanager create avd --force --name stalkerbench_pixel_api29 --package '${IMAGES[0]}' --device pixel_6`,
      `echo no | ${tools}/avdmanager create avd --force --name stalkerbench_pixel_api33 --package '${IMAGES[1]}' --device pixel_6`,
      'test -r /dev/kvm -a -w /dev/kvm',
      `${sdk.root}/emulator/emulator -accel-check`,
    ]);
    expect(stdout).toContain(`# in ${join(dir, 'user', 'avd')}/stalkerbench_pixel_api33.avd/config.ini: hw.lcd.width=1080 hw.lcd.height=2400`);
    expect(await sdk.calls()).toEqual([]);
    expect(existsSync(join(sdk.root, 'cmdline-tools'))).toBe(false);
  });

  it('from the zip to AVDs: every licence prompt gets "y", the images install, the AVDs land in $ANDROID_USER_HOME/avd sized like the profiles, KVM is checked', async () => {
    await sdk.setAccelStatus(0);
    const { exitCode, stdout, stderr } = await setup(['--cmdline-tools-zip', await cmdlineToolsZip()]);
    expect(exitCode, `${stdout}\n${stderr}`).toBe(kvmUsableHere ? 0 : 3);
    expect(stderr, stderr).not.toMatch(/error SETUP_MISSING/);
    const avdHome = join(dir, 'user', 'avd');
    const calls = await sdk.calls();
    expect(calls).toEqual([
      'sdkmanager --licenses',
      'answer y', 'answer y', 'answer y', 'answer y',
      `sdkmanager --install platform-tools emulator ${IMAGES.join(' ')}`,
      `avdmanager create avd --force --name stalkerbench_pixel_api29 --package ${IMAGES[0]} --device pixel_6 ANDROID_AVD_HOME=${avdHome}`,
      'answer no',
      `avdmanager create avd --force --name stalkerbench_pixel_api33 --package ${IMAGES[1]} --device pixel_6 ANDROID_AVD_HOME=${avdHome}`,
      'answer no',
      'emulator -accel-check',
    ]);
    for (const image of IMAGES) expect(existsSync(join(sdk.root, ...image.split(';'))), image).toBe(true);
    const config = await readFile(join(avdHome, 'stalkerbench_pixel_api29.avd', 'config.ini'), 'utf8');
    expect(config).toMatch(/^hw\.lcd\.width=1080$/m);
    expect(config).toMatch(/^hw\.lcd\.height=1920$/m);
    expect(config).not.toMatch(/1440|3120/);
    expect(existsSync(join(dir, 'decoy', 'avd'))).toBe(false);
    expect(stdout).toContain('ok: emulator -accel-check: KVM (version 12) is installed and usable.');
    if (!kvmUsableHere) {
      expect(stdout).toMatch(/NOT USABLE: KVM: \/dev\/kvm (does not exist|exists but this user may not open it)/);
      expect(stderr).toMatch(/cannot use KVM on this machine/);
    }
  });

  it('a failing tool stops the set-up with its command, exit code and the tail of its output (exit 3)', async () => {
    await writeFakeAndroidSdk(sdk.root, ['cmdline-tools']);
    await writeFile(join(sdk.root, 'cmdline-tools', 'latest', 'bin', 'sdkmanager'), '#!/bin/sh\nfor i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo "line $i"; done\necho "Warning: Failed to download package" >&2\nexit 42\n');
    const { exitCode, stderr } = await setup([]);
    expect(exitCode).toBe(3);
    expect(stderr).toMatch(/error SETUP_MISSING: \S+\/sdkmanager --licenses failed with exit code 42/);
    expect(stderr).toContain('Warning: Failed to download package');
    expect(stderr).toContain('line 20');
    expect(stderr).not.toContain('line 1\n');
    expect(await sdk.calls()).toEqual([]);
  });
});
