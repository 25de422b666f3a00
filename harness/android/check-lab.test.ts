import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKvm, checkLab, parseAccelCheck } from './check-lab.ts';

describe('parseAccelCheck', () => {
  it('reads the status and message between "accel:" and "accel"', () => {
    expect(parseAccelCheck('accel:\n0\nKVM (version 12) is installed and usable.\naccel\n', 0)).toEqual({ usable: true, message: 'KVM (version 12) is installed and usable.' });
    expect(parseAccelCheck('accel:\n9\n/dev/kvm is not found: VT disabled in BIOS or KVM kernel module not loaded\naccel\n', 9))
      .toEqual({ usable: false, message: '/dev/kvm is not found: VT disabled in BIOS or KVM kernel module not loaded' });
  });

  it('judges output of another form by the exit code and keeps its last lines', () => {
    expect(parseAccelCheck('emulator: ERROR: something else\n', 1)).toEqual({ usable: false, message: 'emulator: ERROR: something else' });
    expect(parseAccelCheck('', undefined)).toEqual({ usable: false, message: 'no output' });
  });
});

describe('checkLab', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sb-lab-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  const profile = { name: 'pixel-api33', avd: 'stalkerbench_pixel_api33', systemImage: 'system-images;android-33;google_apis;x86_64' };

  it('without ANDROID_HOME says how to set it, and still checks the AVDs and KVM', async () => {
    const findings = await checkLab({ env: { HOME: dir }, profiles: [profile], kvmDevice: join(dir, 'no-kvm') });
    expect(findings.map((f) => [f.subject, f.ok])).toEqual([['ANDROID_HOME', false], ['AVD stalkerbench_pixel_api33', false], ['KVM', false]]);
    expect(findings[0]?.fix).toMatch(/export ANDROID_HOME=.*setup-android-sdk\.ts/);
    expect(findings[1]?.detail).toContain(join(dir, '.android', 'avd', 'stalkerbench_pixel_api33.ini'));
    expect(findings[2]?.fix).toMatch(/modprobe kvm_intel/);
  });

  it('names the sdkmanager command for each missing package and finds the AVD under ANDROID_USER_HOME', async () => {
    const sdk = join(dir, 'sdk');
    await mkdir(join(sdk, 'system-images', 'android-33', 'google_apis', 'x86_64'), { recursive: true });
    await mkdir(join(dir, 'user', 'avd'), { recursive: true });
    await writeFile(join(dir, 'user', 'avd', 'stalkerbench_pixel_api33.ini'), 'path=x\n');
    const findings = await checkLab({
      env: { HOME: dir, ANDROID_HOME: sdk, ANDROID_USER_HOME: join(dir, 'user'), ANDROID_EMULATOR_HOME: join(dir, 'emu') },
      profiles: [profile, { ...profile, name: 'old', avd: 'old_avd', systemImage: 'system-images;android-29;google_apis;x86_64' }],
      kvmDevice: join(dir, 'no-kvm'),
    });
    const byName = new Map(findings.map((f) => [f.subject, f]));
    expect(byName.get('cmdline-tools')).toMatchObject({ ok: false, neededForRounds: false });
    expect(byName.get('cmdline-tools')?.fix).toMatch(/--cmdline-tools-zip/);
    expect(byName.get('adb')?.fix).toBe(`${sdk}/cmdline-tools/latest/bin/sdkmanager --install platform-tools`);
    expect(byName.get('emulator')?.fix).toBe(`${sdk}/cmdline-tools/latest/bin/sdkmanager --install emulator`);
    expect(byName.get('system image system-images;android-33;google_apis;x86_64')?.ok).toBe(true);
    expect(byName.get('system image system-images;android-29;google_apis;x86_64')?.fix).toBe(`${sdk}/cmdline-tools/latest/bin/sdkmanager --install "system-images;android-29;google_apis;x86_64"`);
    expect(byName.get('AVD stalkerbench_pixel_api33')?.ok).toBe(true);
    expect(byName.get('AVD old_avd')?.fix).toContain(`ANDROID_AVD_HOME=${join(dir, 'user', 'avd')} `);
  });

  it('KVM: a device node this user can read and write is usable; a missing one is not', async () => {
    const kvm = join(dir, 'kvm');
    await writeFile(kvm, '');
    expect(await checkKvm({ kvmDevice: kvm, env: {} })).toEqual([expect.objectContaining({ subject: 'KVM', ok: true })]);
    expect(await checkKvm({ kvmDevice: join(dir, 'absent'), env: {} })).toEqual([expect.objectContaining({ subject: 'KVM', ok: false })]);
  });
});
