import { execa } from 'execa';
import type { TestHome } from './test-home.ts';

export interface AdbServer {
  port: number;
  /** Environment for anything that talks to this server (adb, Appium, the emulator). */
  env: Record<string, string>;
  /** Runs the real `adb` against this server; never throws on a non-zero exit. */
  adb(args: readonly string[], options?: AdbRunOptions): Promise<AdbResult>;
}

export interface AdbResult {
  /** undefined when adb was killed (timeout) */
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

export interface AdbRunOptions {
  input?: string | Buffer;
  /** @default 30_000 */
  timeoutMs?: number;
}

/** Starts a real adb server (`adb -P <port> start-server`) with its own HOME and TMPDIR. */
export async function startAdbServer(options: { port: number; home: TestHome }): Promise<AdbServer> {
  const env = {
    HOME: options.home.home,
    TMPDIR: options.home.tmp,
    ANDROID_ADB_SERVER_PORT: String(options.port),
  };
  const server: AdbServer = {
    port: options.port,
    env,
    adb: async (args, runOptions = {}) => {
      const result = await execa('adb', ['-P', String(options.port), ...args], {
        env,
        reject: false,
        timeout: runOptions.timeoutMs ?? 30_000,
        ...(runOptions.input === undefined ? { stdin: 'ignore' as const } : { input: runOptions.input }),
        stripFinalNewline: false,
      });
      return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
    },
  };
  const started = await server.adb(['start-server']);
  if (started.exitCode !== 0) throw new Error(`adb start-server on port ${options.port} failed: ${String(started.stderr)}`);
  return server;
}

/** Stops the server (`adb kill-server`); safe to call twice. */
export async function stopAdbServer(server: AdbServer | undefined): Promise<void> {
  if (!server) return;
  await server.adb(['kill-server'], { timeoutMs: 10_000 });
}
