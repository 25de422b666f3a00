import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAndroidEnv, resolveAvdHome } from './android-env.ts';

describe('resolveAvdHome: the documented order (developer.android.com/tools/variables)', () => {
  const all = { HOME: '/h', ANDROID_AVD_HOME: '/avd', ANDROID_USER_HOME: '/user', ANDROID_EMULATOR_HOME: '/emu' };
  it('ANDROID_AVD_HOME, else ANDROID_USER_HOME/avd, else ANDROID_EMULATOR_HOME/avd, else ~/.android/avd', () => {
    expect(resolveAvdHome(all)).toBe('/avd');
    expect(resolveAvdHome({ ...all, ANDROID_AVD_HOME: '' })).toBe('/user/avd');
    expect(resolveAvdHome({ HOME: '/h', ANDROID_EMULATOR_HOME: '/emu' })).toBe('/emu/avd');
    expect(resolveAvdHome({ HOME: '/h' })).toBe('/h/.android/avd');
  });
});

describe('resolveAndroidEnv', () => {
  let sdk: string;
  beforeAll(async () => {
    sdk = await mkdtemp(join(tmpdir(), 'sb-env-'));
    await mkdir(join(sdk, 'platform-tools'), { recursive: true });
    await writeFile(join(sdk, 'platform-tools', 'adb'), '');
  });
  afterAll(async () => { await rm(sdk, { recursive: true, force: true }); });

  it('gives a round\'s children one keys folder under the round HOME, and the AVD folder resolved from the user\'s environment', () => {
    const env = resolveAndroidEnv({
      env: { HOME: '/users/ana', ANDROID_HOME: sdk, ANDROID_USER_HOME: '/users/ana/android-user', ANDROID_EMULATOR_HOME: '/elsewhere', ANDROID_SDK_HOME: '/old' },
      home: '/tmp/round-home',
    });
    expect(env.avdHome).toBe('/users/ana/android-user/avd');
    expect(env.childEnv).toMatchObject({
      HOME: '/tmp/round-home',
      ANDROID_USER_HOME: '/tmp/round-home/.android',
      ANDROID_EMULATOR_HOME: '/tmp/round-home/.android',
      ANDROID_AVD_HOME: '/users/ana/android-user/avd',
    });
    // Older adb and the emulator read $ANDROID_SDK_HOME/.android: it would be a second keys folder.
    expect(env.childEnv['ANDROID_SDK_HOME']).toBeUndefined();
  });

  it('without a HOME override the children keep the user\'s HOME and its .android', () => {
    const env = resolveAndroidEnv({ env: { HOME: '/users/ana', ANDROID_HOME: sdk } });
    expect(env.avdHome).toBe('/users/ana/.android/avd');
    expect(env.childEnv).toMatchObject({ HOME: '/users/ana', ANDROID_EMULATOR_HOME: '/users/ana/.android', ANDROID_AVD_HOME: '/users/ana/.android/avd' });
  });
});
