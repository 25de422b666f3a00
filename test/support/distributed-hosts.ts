import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { writeVirtualSdk } from '../../simulator/sdk/index.ts';
import { killRoundProcesses } from './round-workspace.ts';
import { createTestHome, type TestHome } from './test-home.ts';

const CLI = fileURLToPath(new URL('../../bin/stalkerbench.js', import.meta.url));

/** The CLI as a child process with exactly `env` (a host of its own). */
export function spawnCli(args: string[], cwd: string, env: Record<string, string>) {
  return execa(process.execPath, [CLI, ...args], { cwd, env, extendEnv: false, reject: false, all: true });
}

export interface CliProc { name: string; child: ReturnType<typeof spawnCli>; output(): string }

/** STALKERBENCH_TEST_LOGS=<dir> keeps each process's output there while the test runs. */
const LOG_DIR = process.env['STALKERBENCH_TEST_LOGS'];

/** Starts the CLI and collects its output (stdout and stderr interleaved). */
export function startCli(name: string, args: string[], cwd: string, env: Record<string, string>): CliProc {
  let text = '';
  const child = spawnCli(args, cwd, env);
  child.all?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (LOG_DIR !== undefined) appendFileSync(join(LOG_DIR, `${name.replace(/\W+/g, '-')}.log`), chunk);
  });
  return { name, child, output: () => text };
}

export interface WorkerHost { home: TestHome; proc: CliProc; env: Record<string, string> }

/**
 * One worker "host" on this machine: its own HOME, TMPDIR and AVD folder (AVD locks are per host),
 * its ports in the 40-port block at `portBase` (adb, Appium and systemPorts land at +200…+399).
 * `extraArgs` come after `worker --redis <url> --devices <n>`. Register `stop` as a cleanup.
 */
export async function startWorkerHost(options: {
  name: string; redisUrl: string; portBase: number; devices?: number; baseEnv: Record<string, string>; extraArgs?: string[];
}): Promise<WorkerHost & { stop(): Promise<void> }> {
  const home = await createTestHome();
  const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
  const env = { ...options.baseEnv, HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome, STALKERBENCH_PORT_BASE: String(options.portBase) };
  const proc = startCli(options.name, ['worker', '--redis', options.redisUrl, '--devices', String(options.devices ?? 1), ...(options.extraArgs ?? [])], home.home, env);
  return {
    home, proc, env,
    async stop() {
      proc.child.kill('SIGKILL');
      await proc.child;
      await killRoundProcesses({ home });
      await home.remove();
    },
  };
}
