import { describe, expect, it } from 'vitest';
import { emulatorProfileSchema } from '../../harness/config/index.ts';
import { applyAvdConfig, avdConfigOverrides } from './avd-config.ts';
import { describeStep, planLabSetup } from './sdk-commands.ts';

const profile = emulatorProfileSchema.parse({
  name: 'pixel-api33', avd: 'stalkerbench_pixel_api33', apiLevel: 33, release: '13',
  systemImage: 'system-images;android-33;google_apis;x86_64',
  device: { manufacturer: 'Google', model: 'sdk_gphone64_x86_64', name: 'emu64x', screen: { width: 1080, height: 2400, density: 420 } },
});
const SDK = '/opt/android-sdk';
const SDKMANAGER = `${SDK}/cmdline-tools/latest/bin/sdkmanager`;

describe('planLabSetup', () => {
  it('accepts the licences with "y", installs each system image once, then creates and sizes one AVD per profile', () => {
    const steps = planLabSetup({ sdkRoot: SDK, avdHome: '/labs/avd', profiles: [profile, { ...profile, name: 'second', avd: 'second_avd' }] });
    expect(steps.map((step) => step.kind)).toEqual(['run', 'run', 'run', 'configure-avd', 'run', 'configure-avd']);
    const [licences, install, create] = steps;
    if (licences?.kind !== 'run' || install?.kind !== 'run' || create?.kind !== 'run') throw new Error('expected commands');
    expect(licences.argv).toEqual([SDKMANAGER, '--licenses']);
    expect(licences.input?.split('\n').filter((line) => line !== '').every((line) => line === 'y')).toBe(true);
    expect(licences.input?.split('\n').length).toBeGreaterThan(20);
    expect(install.argv).toEqual([SDKMANAGER, '--install', 'platform-tools', 'emulator', 'system-images;android-33;google_apis;x86_64']);
    expect(install.input).toBe(licences.input);
    expect(create.argv.slice(1, 6)).toEqual(['create', 'avd', '--force', '--name', 'stalkerbench_pixel_api33']);
    // avdmanager's one question is whether to make a custom hardware profile: no.
    expect(create.input).toBe('no\n');
    expect(steps[3]).toMatchObject({ configPath: '/labs/avd/stalkerbench_pixel_api33.avd/config.ini', overrides: { 'hw.lcd.width': '1080' } });
    expect(steps[5]).toMatchObject({ configPath: '/labs/avd/second_avd.avd/config.ini' });
  });

  it('starts with unpacking the command-line tools into cmdline-tools/latest when given their zip', () => {
    const [first] = planLabSetup({ sdkRoot: SDK, avdHome: '/labs/avd', profiles: [profile], cmdlineToolsZip: '/dl/tools.zip' });
    expect(first).toMatchObject({ kind: 'unpack-cmdline-tools', zip: '/dl/tools.zip', target: `${SDK}/cmdline-tools/latest` });
    expect(first && describeStep(first)).toEqual([
      `mkdir -p ${SDK}/cmdline-tools`,
      `unzip -q -o /dl/tools.zip -d ${SDK}/cmdline-tools/.stalkerbench-unpack`,
      `mv ${SDK}/cmdline-tools/.stalkerbench-unpack/cmdline-tools ${SDK}/cmdline-tools/latest`,
    ]);
  });

  it('describes each step as a shell line a person can paste', () => {
    const lines = planLabSetup({ sdkRoot: SDK, avdHome: '/labs/avd', profiles: [profile] }).flatMap(describeStep);
    expect(lines[0]).toBe(`yes | ${SDKMANAGER} --licenses`);
    expect(lines[1]).toBe(`yes | ${SDKMANAGER} --install platform-tools emulator 'system-images;android-33;google_apis;x86_64'`);
    expect(lines[2]).toBe(`echo no | ${SDK}/cmdline-tools/latest/bin/avdmanager create avd --force --name stalkerbench_pixel_api33 --package 'system-images;android-33;google_apis;x86_64' --device pixel_6`);
    expect(lines[3]).toMatch(/^# in \/labs\/avd\/stalkerbench_pixel_api33\.avd\/config\.ini: hw\.lcd\.width=1080 hw\.lcd\.height=2400 /);
  });
});

describe('applyAvdConfig', () => {
  it('replaces the keys avdmanager wrote, appends the missing ones, keeps the rest, and is idempotent', () => {
    const written = 'AvdId=x\nhw.lcd.width=1440\nhw.lcd.height = 3120\nimage.sysdir.1=system-images/android-33/google_apis/x86_64/\n';
    const once = applyAvdConfig(written, avdConfigOverrides(profile));
    expect(once).toBe('AvdId=x\nhw.lcd.width=1080\nhw.lcd.height=2400\nimage.sysdir.1=system-images/android-33/google_apis/x86_64/\nhw.lcd.density=420\nhw.keyboard=yes\nhw.audioInput=no\nhw.ramSize=2048\ndisk.dataPartition.size=6G\n');
    expect(applyAvdConfig(once, avdConfigOverrides(profile))).toBe(once);
  });
});
