import { access, constants, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../simulator/sdk/index.ts';
import { writeFakeAndroidSdk } from '../../test/support/fake-android-sdk.ts';
import type { CliIo } from './command.ts';
import { main } from './main.ts';

/** `stalkerbench devices` on fake SDK folders: what is missing for a lab, each with its fix. */
const kvmUsableHere = await access('/dev/kvm', constants.R_OK | constants.W_OK).then(() => true, () => false);
const IMAGE_33 = 'system-images;android-33;google_apis;x86_64';
const IMAGE_29 = 'system-images;android-29;google_apis;x86_64';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'sb-devices-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function devices(env: Record<string, string>): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = { stdout: (text) => { out += text; }, stderr: (text) => { out += text; }, cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: join(dir, 'home'), ...env } };
  const code = await main(['devices'], io);
  return { code, out };
}

function lineOf(out: string, subject: string): string {
  const lines = out.split('\n');
  const index = lines.findIndex((line) => line.includes(` ${subject}: `));
  if (index < 0) throw new Error(`no line for ${subject} in\n${out}`);
  const next = lines[index + 1] ?? '';
  return next.trimStart().startsWith('fix: ') ? `${lines[index]}\n${next}` : lines[index] ?? '';
}

async function writeAvd(avdHome: string, name: string): Promise<void> {
  await mkdir(join(avdHome, `${name}.avd`), { recursive: true });
  await writeFile(join(avdHome, `${name}.ini`), `path=${join(avdHome, `${name}.avd`)}\n`);
}

describe('stalkerbench devices', () => {
  it('without ANDROID_HOME: says how to set it and that no AVD exists, exit 3', async () => {
    const { code, out } = await devices({});
    expect(code).toBe(3);
    expect(lineOf(out, 'ANDROID_HOME')).toMatch(/MISSING +ANDROID_HOME: not set[\s\S]*fix: export ANDROID_HOME="\$HOME\/Android\/Sdk", then node bin\/run-ts\.js scripts\/setup-android-sdk\.ts/);
    expect(lineOf(out, 'AVD stalkerbench_pixel_api33')).toContain(`no ${join(dir, 'home', '.android', 'avd', 'stalkerbench_pixel_api33.ini')}`);
    expect(out).toMatch(/^not ready: \d+ thing\(s\) missing \(ANDROID_HOME, /m);
  });

  it('an SDK with only the command-line tools: adb, emulator, each image and AVD missing, each with its sdkmanager/avdmanager command', async () => {
    const sdk = await writeFakeAndroidSdk(join(dir, 'sdk'), ['cmdline-tools']);
    const { code, out } = await devices({ ANDROID_HOME: sdk.root });
    expect(code).toBe(3);
    const sdkmanager = join(sdk.root, 'cmdline-tools', 'latest', 'bin', 'sdkmanager');
    expect(lineOf(out, 'cmdline-tools')).toMatch(/^ +ok +cmdline-tools: /);
    expect(lineOf(out, 'adb')).toContain(`fix: ${sdkmanager} --install platform-tools`);
    expect(lineOf(out, 'emulator')).toContain(`fix: ${sdkmanager} --install emulator`);
    expect(lineOf(out, `system image ${IMAGE_33}`)).toContain(`fix: ${sdkmanager} --install "${IMAGE_33}"`);
    expect(lineOf(out, `system image ${IMAGE_29}`)).toContain(`fix: ${sdkmanager} --install "${IMAGE_29}"`);
    expect(lineOf(out, 'AVD stalkerbench_pixel_api29')).toMatch(/fix: node bin\/run-ts\.js scripts\/setup-android-sdk\.ts \(or: ANDROID_AVD_HOME=\S+ \S+\/avdmanager create avd --name stalkerbench_pixel_api29 /);
    expect(out).not.toContain('attached to adb server');
  });

  it('no command-line tools is only a note when the rest is there; AVDs are found in $ANDROID_USER_HOME/avd; the emulator\'s KVM verdict is shown', async () => {
    const sdk = await writeFakeAndroidSdk(join(dir, 'sdk'), ['platform-tools', 'emulator']);
    for (const image of [IMAGE_29, IMAGE_33]) await mkdir(join(sdk.root, ...image.split(';')), { recursive: true });
    const userHome = join(dir, 'user');
    for (const avd of ['stalkerbench_pixel_api29', 'stalkerbench_pixel_api33']) await writeAvd(join(userHome, 'avd'), avd);
    await sdk.setAccelStatus(0);
    const env = { ANDROID_HOME: sdk.root, ANDROID_USER_HOME: userHome, ANDROID_EMULATOR_HOME: join(dir, 'decoy'), ANDROID_ADB_SERVER_PORT: '5999' };
    const usable = await devices(env);
    expect(usable.out).toContain(`lab (AVDs in ${join(userHome, 'avd')}):`);
    expect(lineOf(usable.out, 'cmdline-tools')).toMatch(/absent +cmdline-tools: .*\(only set-up needs it\)/);
    expect(lineOf(usable.out, 'AVD stalkerbench_pixel_api33')).toMatch(/^ +ok +AVD stalkerbench_pixel_api33: /);
    expect(lineOf(usable.out, 'emulator -accel-check')).toMatch(/ok +emulator -accel-check: KVM \(version 12\) is installed and usable\./);
    expect(usable.out).toContain('attached to adb server on port 5999: none');
    expect(await sdk.calls()).toContain('adb -P 5999 devices -l');
    if (kvmUsableHere) {
      expect(usable.code).toBe(0);
      expect(usable.out).toMatch(/^ready: /m);
    } else {
      expect(usable.code).toBe(3);
      expect(usable.out).toMatch(/^not ready: 1 thing\(s\) missing \(KVM\)/m);
    }

    await sdk.setAccelStatus(9);
    const refused = await devices(env);
    expect(refused.code).toBe(3);
    expect(lineOf(refused.out, 'emulator -accel-check')).toMatch(/MISSING +emulator -accel-check: \S+\/emulator -accel-check exited 9: \/dev\/kvm is not found: VT disabled in BIOS[\s\S]*fix: .*emulator-acceleration/);
  });

  it('the virtual SDK needs no KVM', async () => {
    const sdk = await writeFakeAndroidSdk(join(dir, 'sdk'), ['platform-tools', 'emulator']);
    await writeFile(join(sdk.root, 'emulator', 'source.properties'), 'Pkg.Desc=Android Emulator (stalkerbench virtual emulator)\n');
    const { out } = await devices({ ANDROID_HOME: sdk.root });
    expect(lineOf(out, 'KVM')).toMatch(/ok +KVM: not needed: this SDK's emulator is the stalkerbench virtual emulator/);
    expect(await sdk.calls()).not.toContain('emulator -accel-check');
  });
});
