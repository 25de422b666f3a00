import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { createRoundWorkspace, findRoundProcesses, type ProcessInfo, type RoundWorkspace } from './support/round-workspace.ts';

/**
 * A round in a shell whose Android variables point elsewhere: the AVDs are found where Android looks
 * ($ANDROID_USER_HOME/avd before $ANDROID_EMULATOR_HOME/avd), and the round's emulator and its adb
 * server read their adbkey from one folder, the round HOME's .android, whatever the shell inherited.
 * Real adb, real Appium, the virtual emulator. Port block 2800–3199 (STALKERBENCH_PORT_BASE), used by
 * no other test file.
 */

/** Where the real emulator reads adbkey.pub: ConfigDirs::getUserDirectory (platform/external/qemu). */
function emulatorKeysFolder(info: ProcessInfo): string {
  const emulatorHome = info.env.get('ANDROID_EMULATOR_HOME');
  if (emulatorHome) return emulatorHome;
  const sdkHome = info.env.get('ANDROID_SDK_HOME');
  return join(sdkHome || (info.env.get('HOME') ?? ''), '.android');
}

/** Where adb reads adbkey: $HOME/.android (adb_get_android_dir_path); older adb preferred $ANDROID_SDK_HOME. */
function adbKeysFolder(info: ProcessInfo): string {
  return join(info.env.get('ANDROID_SDK_HOME') || (info.env.get('HOME') ?? ''), '.android');
}

describe('a round\'s Android environment', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({ id: 'android-env', portBase: 2_800, instances: 1, products: ['sentinel'], samples: ['mspy'], modes: ['on-demand'] });
  });
  afterAll(async () => { await workspace.remove(); });

  it('finds the AVDs under $ANDROID_USER_HOME/avd and gives the emulator and the adb server one keys folder', async () => {
    const { ANDROID_AVD_HOME: _avdHome, ...inherited } = workspace.env;
    const decoy = join(workspace.home.home, 'decoy');
    await mkdir(join(decoy, 'avd'), { recursive: true });
    const env = {
      ...inherited,
      ANDROID_USER_HOME: join(workspace.home.home, '.android'),
      ANDROID_EMULATOR_HOME: decoy,
      ANDROID_SDK_HOME: join(workspace.home.home, 'old-sdk-home'),
    };
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env };
    const seen: Array<{ emulator: ProcessInfo | undefined; adbServer: ProcessInfo | undefined; adbkeys: string[] }> = [];
    const code = await runCommand([workspace.roundFile], io, {
      reporters: [{
        onCaseStart: async () => {
          const processes = await findRoundProcesses(workspace);
          const emulator = processes.find((p) => p.argv.includes('-avd'));
          const adbServer = processes.find((p) => p.argv.includes('fork-server'));
          // The adb server writes its key pair into its keys folder when it starts.
          const adbkeys = [emulator, adbServer].flatMap((p) => (p ? [join(p.env.get('HOME') ?? '', '.android', 'adbkey')] : [])).filter((path) => existsSync(path));
          seen.push({ emulator, adbServer, adbkeys });
        },
      }],
    });
    expect(code, text).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    const [{ emulator, adbServer, adbkeys } = { emulator: undefined, adbServer: undefined, adbkeys: [] }] = seen;
    if (!emulator || !adbServer) throw new Error(`emulator or adb server not found while a case ran:\n${text}`);
    const roundHome = emulator.env.get('HOME') ?? '';
    expect(roundHome.startsWith(`${workspace.home.tmp}/`)).toBe(true);
    expect(emulator.env.get('ANDROID_AVD_HOME')).toBe(workspace.home.avdHome);
    expect(emulatorKeysFolder(emulator)).toBe(join(roundHome, '.android'));
    expect(adbKeysFolder(adbServer)).toBe(emulatorKeysFolder(emulator));
    expect(adbServer.env.get('ANDROID_USER_HOME')).toBe(emulator.env.get('ANDROID_USER_HOME'));
    expect(adbkeys).toEqual([join(roundHome, '.android', 'adbkey'), join(roundHome, '.android', 'adbkey')]);
    expect(existsSync(join(decoy, 'adbkey'))).toBe(false);
  }, 600_000);
});
