import { execa, type ExecaError } from 'execa';
import { HarnessError } from '../errors/index.ts';
import type { AndroidEnv } from './android-env.ts';
import { runViaAdbServer, type ServerCallOutcome } from './adb-server-client.ts';

export interface RunAdbOptions {
  /** @default 20_000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Bytes or text for adb's stdin. */
  input?: string | Buffer;
  /** Resolve with the result instead of throwing when adb exits non-zero. @default false */
  reject?: boolean;
  /** Return stdout as a Buffer (e.g. `exec-out screencap -p`). @default false */
  binary?: boolean;
}

export interface AdbResult<T extends string | Buffer = string> {
  stdout: T;
  stderr: string;
  exitCode: number;
  durationMs: number;
}

/** Receives every adb call, for timing (benchmarks) and the per-round log. */
export type AdbCallObserver = (call: {
  serial: string | undefined;
  args: readonly string[];
  durationMs: number;
  exitCode: number;
  /** `binary`: a spawned adb client process; `server`: the harness's own client of the adb server's socket. */
  via: 'binary' | 'server';
}) => void;

const observers = new Set<AdbCallObserver>();

export function observeAdbCalls(observer: AdbCallObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * Every adb invocation of the harness goes through here: argument arrays only, a timeout and a
 * cancel signal on every call, and an error that names the device, the command, the exit code,
 * the tail of stderr and the time spent against the limit.
 */
export async function runAdb(env: AndroidEnv, serial: string | undefined, args: readonly string[], options: RunAdbOptions & { binary: true }): Promise<AdbResult<Buffer>>;
export async function runAdb(env: AndroidEnv, serial: string | undefined, args: readonly string[], options?: RunAdbOptions): Promise<AdbResult>;
export async function runAdb(
  env: AndroidEnv,
  serial: string | undefined,
  args: readonly string[],
  options: RunAdbOptions = {},
): Promise<AdbResult<string | Buffer>> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const fullArgs = ['-P', String(env.adbServerPort), ...(serial ? ['-s', serial] : []), ...args];
  const started = performance.now();
  const command = `adb ${fullArgs.join(' ')}`;
  const viaServer = await runViaAdbServer(env, serial, args, { timeoutMs, signal: options.signal, hasInput: options.input !== undefined })
    .catch((error: unknown) => {
      throw new HarnessError('ADB_FAILED', `${command} could not run through the adb server on port ${env.adbServerPort}: ${String(error)}`, {
        cause: error,
        hint: 'check that the adb server is running (`adb devices`)',
      });
    });
  const outcome = viaServer === undefined
    ? await runAdbBinary(env, fullArgs, command, { ...options, timeoutMs: Math.max(1, timeoutMs - (performance.now() - started)) })
    : serverOutcome(viaServer, options.binary === true);
  const durationMs = performance.now() - started;
  const exitCode = outcome.exitCode ?? -1;
  for (const observer of observers) observer({ serial, args, durationMs, exitCode, via: viaServer === undefined ? 'binary' : 'server' });
  if (outcome.timedOut) {
    throw new HarnessError('ADB_TIMEOUT', `${command} did not finish within ${timeoutMs} ms${serial ? ` on ${serial}` : ''}`, {
      hint: 'the device may be hung or gone: check `adb devices`; the case will be retried on a fresh device',
    });
  }
  if (outcome.cancelled) {
    throw new HarnessError('CANCELLED', `${command} was cancelled`);
  }
  const { stdout, stderr } = outcome;
  if (exitCode !== 0 && options.reject !== false) {
    throw new HarnessError(
      'ADB_FAILED',
      `${command} exited with ${exitCode} after ${Math.round(durationMs)} ms${serial ? ` on ${serial}` : ''}: ${tail(stderr || String(stdout)) || '(no output)'}`,
      { hint: 'check that the device is online (`adb devices`) and the command is valid for its API level' },
    );
  }
  return { stdout, stderr, exitCode, durationMs };
}

/** What one adb call gave, from the binary or the server's socket, before runAdb judges it. */
interface CallOutcome {
  stdout: string | Buffer;
  stderr: string;
  exitCode: number | undefined;
  timedOut: boolean;
  cancelled: boolean;
}

function serverOutcome(outcome: ServerCallOutcome, binary: boolean): CallOutcome {
  if (outcome === 'timeout' || outcome === 'cancelled') {
    return { stdout: binary ? Buffer.alloc(0) : '', stderr: '', exitCode: undefined, timedOut: outcome === 'timeout', cancelled: outcome === 'cancelled' };
  }
  // The same decoding as execa's: UTF-8 with replacement characters, no BOM stripping, no newline stripping.
  return { stdout: binary ? outcome.stdout : outcome.stdout.toString('utf8'), stderr: outcome.stderr.toString('utf8'), exitCode: outcome.exitCode, timedOut: false, cancelled: false };
}

async function runAdbBinary(env: AndroidEnv, fullArgs: readonly string[], command: string, options: RunAdbOptions & { timeoutMs: number }): Promise<CallOutcome> {
  try {
    const result = await execa(env.adbPath, fullArgs, {
      env: env.childEnv,
      extendEnv: false,
      timeout: options.timeoutMs,
      ...(options.signal ? { cancelSignal: options.signal } : {}),
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
      encoding: options.binary ? 'buffer' : 'utf8',
      reject: false,
      stripFinalNewline: false,
    });
    return {
      stdout: options.binary ? Buffer.from(result.stdout as Uint8Array) : String(result.stdout),
      stderr: typeof result.stderr === 'string' ? result.stderr : Buffer.from(result.stderr).toString('utf8'),
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      cancelled: result.isCanceled,
    };
  } catch (error) {
    const execaError = error as ExecaError;
    throw new HarnessError('ADB_FAILED', `${command} could not run: ${execaError.shortMessage ?? String(error)}`, {
      cause: error,
      hint: `check that ${env.adbPath} exists and is executable`,
    });
  }
}

/**
 * Quotes one argument for the device's /system/bin/sh: adb joins `adb shell` arguments with spaces
 * and the device shell re-parses them, so every argument that is data must be single-quoted.
 */
export function quoteShellArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `adb shell` with an argv that is quoted for the device shell; never a string built from data. */
export async function runDeviceShell(
  env: AndroidEnv,
  serial: string,
  argv: readonly string[],
  options: RunAdbOptions = {},
): Promise<AdbResult> {
  return runAdb(env, serial, ['shell', argv.map(quoteShellArg).join(' ')], options);
}
