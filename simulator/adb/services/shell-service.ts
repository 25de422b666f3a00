import type { ShellIo, VirtualDevice } from '../../device/contracts.ts';
import type { AdbStream } from '../adb-stream.ts';
import { ChunkQueue } from './chunk-queue.ts';
import {
  SHELL_CLOSE_STDIN, SHELL_EXIT, SHELL_STDERR, SHELL_STDIN, SHELL_STDOUT, ShellPacketDecoder, encodeShellPacket,
} from './shell-v2-framing.ts';

/**
 * `shell,v2,…:<cmd>`: stdout and stderr framed apart, then the exit code, then CLSE. Host stdin
 * (id 0) and close-stdin (id 4) feed the command's stdin; the host closing the stream aborts it.
 */
export async function serveShellV2(stream: AdbStream, device: VirtualDevice, command: string): Promise<void> {
  const stdin = new ChunkQueue();
  void pumpShellV2Input(stream, stdin);
  const io: ShellIo = {
    stdin,
    stdout: (chunk) => void stream.write(encodeShellPacket(SHELL_STDOUT, chunk)),
    stderr: (chunk) => void stream.write(encodeShellPacket(SHELL_STDERR, chunk)),
    signal: stream.signal,
  };
  const code = await runCommand(device, command, io);
  if (stream.closed) return;
  await stream.write(encodeShellPacket(SHELL_EXIT, Buffer.from([code & 0xff])));
}

/** `shell:<cmd>` and `exec:<cmd>`: raw bytes both ways, stderr mixed into stdout, no exit code. */
export async function serveRawShell(stream: AdbStream, device: VirtualDevice, command: string): Promise<void> {
  const stdin = new ChunkQueue();
  void (async () => {
    for await (const chunk of stream) stdin.push(chunk);
    stdin.end();
  })();
  const io: ShellIo = {
    stdin,
    stdout: (chunk) => void stream.write(chunk),
    stderr: (chunk) => void stream.write(chunk),
    signal: stream.signal,
  };
  await runCommand(device, command, io);
  await stream.flush();
}

async function pumpShellV2Input(stream: AdbStream, stdin: ChunkQueue): Promise<void> {
  const decoder = new ShellPacketDecoder();
  for await (const chunk of stream) {
    for (const packet of decoder.push(chunk)) {
      if (packet.id === SHELL_STDIN) stdin.push(packet.data);
      else if (packet.id === SHELL_CLOSE_STDIN) stdin.end();
      // SHELL_WINDOW_SIZE: no terminal is modelled.
    }
  }
  stdin.end();
}

/**
 * Runs one command line; an empty one is an interactive `sh` reading command lines from stdin
 * (what `adb shell` with no command, or with piped input, opens).
 */
async function runCommand(device: VirtualDevice, command: string, io: ShellIo): Promise<number> {
  try {
    if (command.trim() === '') return await runInteractive(device, io);
    return await device.runShell(command, io);
  } catch (error) {
    if (io.signal.aborted) return 130;
    io.stderr(`/system/bin/sh: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function runInteractive(device: VirtualDevice, io: ShellIo): Promise<number> {
  let pending = '';
  let status = 0;
  const noInput: AsyncIterable<Buffer> = { async *[Symbol.asyncIterator]() {} };
  for await (const chunk of io.stdin) {
    pending += chunk.toString('utf8');
    let newline: number;
    while ((newline = pending.search(/\r?\n/)) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(pending.indexOf('\n', newline) + 1);
      if (line === 'exit' || line.startsWith('exit ')) return Number(line.split(/\s+/)[1] ?? status) || 0;
      if (line !== '') status = await device.runShell(line, { ...io, stdin: noInput });
      if (io.signal.aborted) return status;
    }
  }
  if (pending.trim() !== '') status = await device.runShell(pending.trim(), { ...io, stdin: noInput });
  return status;
}
