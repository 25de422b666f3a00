import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestHome {
  /** The temp HOME; has `.android/` and `tmp/`. */
  home: string;
  /** `$HOME/.android/avd`, where `prepareVirtualSdk` writes this test's AVDs. */
  avdHome: string;
  /** TMPDIR for processes of this test (adb writes its server log there). */
  tmp: string;
  remove(): Promise<void>;
}

export interface TestHomeOptions {
  /**
   * Contents of `~/.emulator_console_auth_token`; `undefined` writes no file (the emulator then
   * creates one with a random token, as the real one does).
   * @default '' (what appium-adb leaves behind: the console needs no auth)
   */
  consoleToken?: string | undefined;
}

/** A throw-away HOME so adb, Appium and the virtual emulators of one test share nothing with others. */
export async function createTestHome(options: TestHomeOptions = {}): Promise<TestHome> {
  const home = await mkdtemp(join(tmpdir(), 'sb-home-'));
  const avdHome = join(home, '.android', 'avd');
  const tmp = join(home, 'tmp');
  await mkdir(avdHome, { recursive: true });
  await mkdir(tmp, { recursive: true });
  const token = 'consoleToken' in options ? options.consoleToken : '';
  if (token !== undefined) await writeFile(join(home, '.emulator_console_auth_token'), token);
  return {
    home,
    avdHome,
    tmp,
    remove: () => rm(home, { recursive: true, force: true, maxRetries: 3 }),
  };
}
