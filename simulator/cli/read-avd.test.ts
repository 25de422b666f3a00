import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAvds, readAvd, readEmulatorEnv } from './read-avd.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sb-avd-'));
  const sdk = join(root, 'sdk');
  const avdHome = join(root, 'home', '.android', 'avd');
  await mkdir(join(sdk, 'system-images', 'android-29', 'google_apis', 'x86_64'), { recursive: true });
  await writeFile(join(sdk, 'system-images', 'android-29', 'google_apis', 'x86_64', 'build.prop'),
    'ro.build.version.release=10\nro.build.version.sdk=29\nro.product.model=Android SDK built for x86_64\nro.product.device=generic_x86_64\n');
  await mkdir(join(avdHome, 'pixel.avd'), { recursive: true });
  await writeFile(join(avdHome, 'pixel.ini'), `avd.ini.encoding=UTF-8\npath=${join(avdHome, 'pixel.avd')}\ntarget=android-29\n`);
  await writeFile(join(avdHome, 'pixel.avd', 'config.ini'),
    '# comment\nhw.lcd.width=1080\nhw.lcd.height=1920\nhw.lcd.density=440\nhw.device.manufacturer=Google\nhw.device.name=pixel_3\nimage.sysdir.1=system-images/android-29/google_apis/x86_64/\n');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readAvd', () => {
  it('builds the device profile from the .ini, config.ini and the image build.prop', () => {
    const env = readEmulatorEnv({ HOME: join(root, 'home'), ANDROID_HOME: join(root, 'sdk') });
    const avd = readAvd('pixel', env);
    expect(avd.dir).toBe(join(root, 'home', '.android', 'avd', 'pixel.avd'));
    expect(avd.profile).toEqual({
      avdName: 'pixel', apiLevel: 29, release: '10', manufacturer: 'Google', model: 'Android SDK built for x86_64',
      device: 'generic_x86_64', screenWidth: 1080, screenHeight: 1920, density: 440,
    });
    expect(listAvds(env)).toEqual(['pixel']);
  });

  it('prefers ANDROID_AVD_HOME and reads ANDROID_ADB_SERVER_PORT', () => {
    const env = readEmulatorEnv({ HOME: '/nonexistent', ANDROID_AVD_HOME: join(root, 'home', '.android', 'avd'), ANDROID_SDK_ROOT: join(root, 'sdk'), ANDROID_ADB_SERVER_PORT: '6037' });
    expect(env.adbServerPort).toBe(6037);
    expect(readAvd('pixel', env).profile.apiLevel).toBe(29);
  });

  it('fails like the emulator for an unknown AVD or a missing system image', () => {
    const env = readEmulatorEnv({ HOME: join(root, 'home'), ANDROID_HOME: join(root, 'sdk') });
    expect(() => readAvd('other', env)).toThrow(expect.objectContaining({ code: 'EMULATOR_LAUNCH_FAILED' }));
    expect(() => readAvd('other', env)).toThrow(/Unknown AVD name \[other\]/);
    expect(() => readAvd('pixel', readEmulatorEnv({ HOME: join(root, 'home'), ANDROID_HOME: join(root, 'elsewhere') }))).toThrow(/Broken AVD system path/);
  });
});
