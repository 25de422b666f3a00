import { describe, expect, it } from 'vitest';
import { emulatorProfileSchema } from '../../harness/config/index.ts';
import { avdConfigOverrides, sdkCommandsFor } from './sdk-commands.ts';

const profile = emulatorProfileSchema.parse({
  name: 'pixel-api33', avd: 'stalkerbench_pixel_api33', apiLevel: 33, release: '13',
  systemImage: 'system-images;android-33;google_apis;x86_64',
  device: { manufacturer: 'Google', model: 'sdk_gphone64_x86_64', name: 'emu64x', screen: { width: 1080, height: 2400, density: 420 } },
});

describe('sdkCommandsFor', () => {
  it('installs each system image once and creates one AVD per profile, as argv', () => {
    const commands = sdkCommandsFor('/opt/android-sdk', [profile, { ...profile, name: 'second', avd: 'second_avd' }]);
    expect(commands[0]?.argv).toEqual([
      '/opt/android-sdk/cmdline-tools/latest/bin/sdkmanager', '--install', 'platform-tools', 'emulator', 'system-images;android-33;google_apis;x86_64',
    ]);
    expect(commands.slice(1).map((c) => c.argv.slice(1, 6))).toEqual([
      ['create', 'avd', '--force', '--name', 'stalkerbench_pixel_api33'],
      ['create', 'avd', '--force', '--name', 'second_avd'],
    ]);
  });

  it('sizes the AVD screen from the profile', () => {
    expect(avdConfigOverrides(profile)).toMatchObject({ 'hw.lcd.width': '1080', 'hw.lcd.height': '2400', 'hw.lcd.density': '420' });
  });
});
