/** The shape of one device shell command, and helpers commands share. */
import { posix } from 'node:path';
import type { AndroidModel } from '../device/android-model.ts';
import type { ShellIo } from '../device/contracts.ts';

export interface CommandContext {
  /** argv[0] as typed (`pm`, `cmd`, `/system/bin/ls`). */
  name: string;
  /** Arguments after argv[0]. */
  args: string[];
  env: ReadonlyMap<string, string>;
  cwd: string;
  stdin: AsyncIterable<Buffer>;
  stdout(chunk: string | Buffer): void;
  stderr(chunk: string | Buffer): void;
  /** Aborted when the host closes the stream or a downstream pipe stage ends. */
  signal: AbortSignal;
  device: AndroidModel;
  /** Pid of the shell running this command (the parent in `ps`). */
  shellPid: number;
  /** Runs a nested command line in a new shell (`sh -c`). */
  runNested(commandLine: string, io: ShellIo): Promise<number>;
}

/** A command: resolves to its exit status. */
export type ShellCommand = (context: CommandContext) => Promise<number> | number;

export async function readAll(stdin: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Reads exactly `size` bytes (or until stdin ends) — `pm install -S <size>` streams the APK. */
export async function readExactly(stdin: AsyncIterable<Buffer>, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= size) break;
  }
  return Buffer.concat(chunks).subarray(0, size);
}

/** Absolute path of an argument relative to the shell's working directory. */
export function resolvePath(context: Pick<CommandContext, 'cwd'>, path: string): string {
  return posix.resolve(context.cwd, path);
}

/** Resolves after `ms`, or earlier when the signal aborts; true when it ran the full time. */
export function sleepFor(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) { resolve(false); return; }
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, ms);
    const onAbort = (): void => { clearTimeout(timer); resolve(false); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves when the signal aborts (streaming commands: `logcat`, `am instrument -w`). */
export function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) { resolve(); return; }
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * How `cmd`-based services report a Java exception to the shell (PackageManagerShellCommand et al.):
 * `Exception occurred while executing '<verb>':` (Android 11+; Android 10 prints no verb) then the
 * exception and a stack frame, exit 255.
 */
export function printShellException(context: CommandContext, verb: string, exception: string, frame: string): number {
  const header = context.device.profile.apiLevel >= 30 ? `Exception occurred while executing '${verb}':` : 'Exception occurred while executing:';
  context.stderr(`${header}\n${exception}\n\tat ${frame}\n`);
  return 255;
}
