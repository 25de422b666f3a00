import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';

export interface ConsoleOptions {
  port: number;
  /** HOME whose `.emulator_console_auth_token` the emulator uses. */
  home: string;
  /** @default 10_000 */
  timeoutMs?: number;
}

/**
 * Sends one command to an emulator's console (telnet-style, `\r\n`, replies ending in `OK` or
 * `KO: reason`) and returns the reply lines before `OK`. Authenticates with the token file when the
 * console asks for it, as `adb emu` does — but unlike `adb emu` a `KO` becomes an error.
 */
export async function sendConsoleCommand(command: string, options: ConsoleOptions): Promise<string[]> {
  if (/[\r\n]/.test(command)) throw new HarnessError('INTERNAL', 'console commands are one line');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const socket = connect({ host: '127.0.0.1', port: options.port });
  socket.setNoDelay(true);
  const reader = createLineReader(socket);
  const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const banner = await reader.readUntilStatus();
    if (banner.lines.some((line) => line.includes('Authentication required'))) {
      const token = (await readFile(join(options.home, '.emulator_console_auth_token'), 'utf8').catch(() => '')).trim();
      socket.write(`auth ${token}\r\n`);
      const auth = await reader.readUntilStatus();
      if (auth.status !== 'OK') throw new Error(`authentication refused: ${auth.status}`);
    }
    socket.write(`${command}\r\n`);
    const reply = await reader.readUntilStatus();
    if (reply.status !== 'OK') {
      throw new HarnessError('SNAPSHOT_FAILED', `emulator console on port ${options.port} refused '${command}': ${reply.status}`, {
        hint: 'check the emulator log; for snapshots make sure the AVD is not read-only and has room on disk',
      });
    }
    socket.end('quit\r\n');
    return reply.lines;
  } catch (error) {
    if (error instanceof HarnessError) throw error;
    throw new HarnessError('DEVICE_LOST', `emulator console on port ${options.port} failed during '${command}': ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      hint: 'the emulator may have exited; the pool replaces it',
    });
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

function createLineReader(socket: Socket): { readUntilStatus(): Promise<{ lines: string[]; status: string }> } {
  let buffered = '';
  const lines: string[] = [];
  let waiter: (() => void) | undefined;
  let failure: Error | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let index: number;
    while ((index = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, index).replace(/\r$/, ''));
      buffered = buffered.slice(index + 1);
    }
    waiter?.();
  });
  const fail = (error?: Error): void => {
    failure = error ?? new Error('connection closed');
    waiter?.();
  };
  socket.on('error', fail);
  socket.on('close', () => fail());
  return {
    async readUntilStatus() {
      const collected: string[] = [];
      for (;;) {
        while (lines.length > 0) {
          const line = lines.shift() ?? '';
          // `kill` answers `OK: killing emulator, bye bye`; everything else a bare `OK` or `KO: reason`.
          if (line === 'OK' || line.startsWith('OK: ') || line.startsWith('KO')) return { lines: collected, status: line.startsWith('OK') ? 'OK' : line };
          collected.push(line);
        }
        if (failure) throw failure;
        await new Promise<void>((resolve) => (waiter = resolve));
        waiter = undefined;
      }
    },
  };
}
