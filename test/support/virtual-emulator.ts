import type { ChildProcess } from 'node:child_process';
import { execa } from 'execa';
import { join } from 'node:path';
import { REPO_ROOT } from '../../simulator/sdk/index.ts';

export interface LaunchOptions {
  avd: string;
  /** Even console port; adb is port + 1; the serial is `emulator-<port>`. */
  port: number;
  /** HOME, ANDROID_HOME, ANDROID_AVD_HOME, ANDROID_ADB_SERVER_PORT… */
  env: Record<string, string>;
  /** Extra flags. @default ['-no-window', '-no-audio', '-no-boot-anim'] */
  flags?: readonly string[];
}

export interface LaunchedEmulator {
  child: ChildProcess;
  serial: string;
  consolePort: number;
  adbPort: number;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | undefined>;
  /** SIGTERM, then SIGKILL after the budget; resolves once the process is gone. */
  stop(budgetMs?: number): Promise<void>;
}

/**
 * Starts the virtual emulator the way the harness does (`$ANDROID_HOME/emulator/emulator -avd … -port …`),
 * through the generated wrapper of the virtual SDK in `env.ANDROID_HOME`.
 */
export function launchVirtualEmulator(options: LaunchOptions): LaunchedEmulator {
  const androidHome = options.env['ANDROID_HOME'] ?? join(REPO_ROOT, '.virtual-sdk');
  const flags = options.flags ?? ['-no-window', '-no-audio', '-no-boot-anim'];
  const child = execa(join(androidHome, 'emulator', 'emulator'), ['-avd', options.avd, '-port', String(options.port), ...flags], {
    env: options.env,
    reject: false,
    stdin: 'ignore',
    all: true,
    buffer: false,
  });
  let output = '';
  child.all?.setEncoding('utf8');
  child.all?.on('data', (chunk: string) => (output += chunk));
  const exited = child.then((result) => result.exitCode);
  return {
    child,
    serial: `emulator-${options.port}`,
    consolePort: options.port,
    adbPort: options.port + 1,
    output: () => output,
    exited,
    async stop(budgetMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), budgetMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
