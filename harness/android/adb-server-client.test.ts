import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AndroidEnv } from './android-env.ts';
import { forgetAdbServerTransports, runViaAdbServer } from './adb-server-client.ts';
import { SHELL_ID, encodeShellPacket } from './adb-wire.ts';

/**
 * A scripted stand-in for the adb server's side of the smart-socket protocol (no device, no adb):
 * each request is answered by `answer`, which writes raw bytes, so framing edge cases can be sent.
 */
type Answer = (service: string, socket: Socket) => void;
const servers: Server[] = [];

async function fakeServer(answer: Answer): Promise<{ env: AndroidEnv; services: string[] }> {
  const services: string[] = [];
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 4) {
        const length = Number.parseInt(buffer.subarray(0, 4).toString('latin1'), 16);
        if (Number.isNaN(length) || buffer.length < 4 + length) break;
        const service = buffer.subarray(4, 4 + length).toString('utf8');
        buffer = buffer.subarray(4 + length);
        services.push(service);
        answer(service, socket);
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  forgetAdbServerTransports();
  const env: AndroidEnv = { sdkRoot: '', adbPath: '', emulatorPath: '', adbServerPort: address.port, home: '', avdHome: '', childEnv: {} };
  return { env, services };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const hex = (text: string): string => Buffer.byteLength(text).toString(16).padStart(4, '0');
const okayText = (text: string): string => `OKAY${hex(text)}${text}`;
const fail = (message: string): string => `FAIL${hex(message)}${message}`;
const transportId = Buffer.from([7, 0, 0, 0, 0, 0, 0, 0]);

/** A device with shell_v2 whose shell answers with `packets`, written one byte at a time. */
function device(packets: Buffer, features = 'cmd,shell_v2'): Answer {
  return (service, socket) => {
    if (service.endsWith(':features')) socket.end(okayText(features));
    else if (service.startsWith('host:tport:serial:')) socket.write(Buffer.concat([Buffer.from('OKAY'), transportId]));
    else if (service.startsWith('shell,v2,')) {
      socket.write('OKAY');
      for (const byte of packets) socket.write(Buffer.from([byte]));
    }
  };
}

const call = (env: AndroidEnv, args: string[], extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
  runViaAdbServer(env, 'emulator-5554', args, { timeoutMs: extra.timeoutMs ?? 5_000, signal: extra.signal, hasInput: false });

describe('runViaAdbServer against a scripted adb server', () => {
  it('runs a shell command through features, tport and shell,v2 and reassembles split packets', async () => {
    const packets = Buffer.concat([
      encodeShellPacket(SHELL_ID.stdout, Buffer.from('out\n')), encodeShellPacket(SHELL_ID.stderr, Buffer.from('err\n')),
      encodeShellPacket(SHELL_ID.stdout, Buffer.from([0, 255])), encodeShellPacket(SHELL_ID.exit, Buffer.from([42])),
    ]);
    const { env, services } = await fakeServer(device(packets));
    const result = await call(env, ['shell', 'echo', 'a b']);
    expect(result).toEqual({ stdout: Buffer.from([...Buffer.from('out\n'), 0, 255]), stderr: Buffer.from('err\n'), exitCode: 42 });
    expect(services).toEqual(['host-serial:emulator-5554:features', 'host:tport:serial:emulator-5554', 'shell,v2,raw:echo a b']);
    await call(env, ['shell', 'true']);
    expect(services.slice(3)).toEqual(['host:tport:serial:emulator-5554', 'shell,v2,raw:true']);
  });

  it('exits 255 when the stream ends without an exit packet', async () => {
    const { env } = await fakeServer((service, socket) => {
      device(encodeShellPacket(SHELL_ID.stdout, Buffer.from('partial')))(service, socket);
      if (service.startsWith('shell,v2,')) socket.end();
    });
    expect(await call(env, ['shell', 'sleep 9'])).toMatchObject({ stdout: Buffer.from('partial'), exitCode: 255 });
  });

  it('turns a FAIL into `error: <message>` and exit 1, as the adb client prints it', async () => {
    const unauthorized = 'device unauthorized.\nThis adb server\'s $ADB_VENDOR_KEYS is not set';
    const { env } = await fakeServer((service, socket) => { socket.end(fail(service.includes('features') ? unauthorized : 'device offline')); });
    expect(await call(env, ['shell', 'ls'])).toEqual({ stdout: Buffer.alloc(0), stderr: Buffer.from(`error: ${unauthorized}\n`), exitCode: 1 });
    expect(await call(env, ['get-state'])).toEqual({ stdout: Buffer.alloc(0), stderr: Buffer.from('error: device offline\n'), exitCode: 1 });
  });

  it('prints devices as `adb devices` does', async () => {
    const { env } = await fakeServer((_service, socket) => { socket.end(okayText('emulator-5554\tdevice\n')); });
    expect((await call(env, ['devices']))).toMatchObject({ stdout: Buffer.from('List of devices attached\nemulator-5554\tdevice\n\n'), exitCode: 0 });
  });

  it('leaves the call to the binary for a device without shell_v2 or a server that breaks the protocol', async () => {
    expect(await call((await fakeServer(device(Buffer.alloc(0), 'cmd'))).env, ['shell', 'ls'])).toBeUndefined();
    expect(await call((await fakeServer((_service, socket) => { socket.end('NOPE'); })).env, ['shell', 'ls'])).toBeUndefined();
  });

  it('leaves the call to the binary when nothing listens', async () => {
    const { env } = await fakeServer(() => undefined);
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    expect(await call(env, ['devices'])).toBeUndefined();
  });

  it('re-reads the features when the serial comes back on a new transport', async () => {
    let id = 7;
    const { env, services } = await fakeServer((service, socket) => {
      if (service.startsWith('host:tport:serial:')) socket.write(Buffer.concat([Buffer.from('OKAY'), Buffer.from([id, 0, 0, 0, 0, 0, 0, 0])]));
      else device(encodeShellPacket(SHELL_ID.exit, Buffer.from([0])))(service, socket);
    });
    await call(env, ['shell', 'true']);
    id = 8;
    expect(await call(env, ['shell', 'true'])).toMatchObject({ exitCode: 0 });
    expect(services.filter((service) => service.endsWith(':features'))).toHaveLength(2);
  });

  it('gives up at the timeout or the abort with the socket closed', async () => {
    const { env } = await fakeServer(device(Buffer.alloc(0)));
    expect(await call(env, ['shell', 'sleep 9'], { timeoutMs: 100 })).toBe('timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await call(env, ['shell', 'sleep 9'], { signal: controller.signal })).toBe('cancelled');
  });
});
