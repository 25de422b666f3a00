import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AdbConnection } from './adb-connection.ts';
import { A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_VERSION, A_WRTE, MAX_PAYLOAD, PacketDecoder, commandName, encodePacket, type AdbPacket } from './packet.ts';

/** The host side of a transport: a TCP client that records the device's packets. */
async function openTransport(route: ConstructorParameters<typeof AdbConnection>[1]['route']) {
  let connection: AdbConnection | undefined;
  const server = createServer((socket) => {
    connection = new AdbConnection(socket, { banner: 'device::ro.product.name=x;features=shell_v2', route });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const host: Socket = connect({ host: '127.0.0.1', port: typeof address === 'object' && address ? address.port : 0 });
  await new Promise((resolve) => host.once('connect', resolve));
  const decoder = new PacketDecoder();
  const received: AdbPacket[] = [];
  const waiters: Array<() => void> = [];
  host.on('data', (chunk: Buffer) => {
    received.push(...decoder.push(chunk));
    for (const waiter of waiters.splice(0)) waiter();
  });
  const next = async (): Promise<AdbPacket> => {
    while (received.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return received.shift() as AdbPacket;
  };
  cleanups.push(() => {
    host.destroy();
    connection?.destroy();
    server.close();
  });
  return { send: (command: number, arg0: number, arg1: number, payload?: Buffer) => host.write(encodePacket(command, arg0, arg1, payload)), next, pending: () => received.length };
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('AdbConnection', () => {
  it('answers CNXN with its version, maxdata and banner', async () => {
    const host = await openTransport(() => undefined);
    host.send(A_CNXN, A_VERSION, 1024 * 1024, Buffer.from('host::features=shell_v2\0'));
    const reply = await host.next();
    expect([commandName(reply.command), reply.arg0, reply.arg1, reply.payload.toString()]).toEqual(['CNXN', A_VERSION, MAX_PAYLOAD, 'device::ro.product.name=x;features=shell_v2']);
  });

  it('refuses unknown services with CLSE(0, id) and ignores CLSE for unknown streams', async () => {
    const host = await openTransport(() => undefined);
    host.send(A_CNXN, A_VERSION, 4096, Buffer.from('host::\0'));
    await host.next();
    host.send(A_CLSE, 99, 1234);
    host.send(A_OPEN, 7, 0, Buffer.from('nothing:\0'));
    const reply = await host.next();
    expect([commandName(reply.command), reply.arg0, reply.arg1]).toEqual(['CLSE', 0, 7]);
  });

  it('splits writes at the host maxdata and sends each chunk only after the previous OKAY', async () => {
    const data = Buffer.alloc(10_000, 9);
    const host = await openTransport((service) => (service === 'big:' ? async (stream) => { await stream.write(data); } : undefined));
    host.send(A_CNXN, A_VERSION, 4096, Buffer.from('host::\0'));
    await host.next();
    host.send(A_OPEN, 5, 0, Buffer.from('big:\0'));
    const okay = await host.next();
    expect(commandName(okay.command)).toBe('OKAY');
    const local = okay.arg0;
    const sizes: number[] = [];
    for (;;) {
      const packet = await host.next();
      if (packet.command === A_CLSE) break;
      expect(packet.command).toBe(A_WRTE);
      sizes.push(packet.payload.length);
      // Nothing more may arrive before we acknowledge this chunk.
      expect(host.pending()).toBe(0);
      host.send(A_OKAY, 5, local);
    }
    expect(sizes).toEqual([4096, 4096, 1808]);
  });

  it('coalesces small writes made while a packet waits for its OKAY', async () => {
    const host = await openTransport(() => async (stream) => {
      for (let line = 0; line < 50; line += 1) void stream.write(`line ${line}\n`);
      await stream.flush();
    });
    host.send(A_CNXN, A_VERSION, 4096, Buffer.from('host::\0'));
    await host.next();
    host.send(A_OPEN, 5, 0, Buffer.from('lines:\0'));
    const local = (await host.next()).arg0;
    const payloads: string[] = [];
    for (;;) {
      const packet = await host.next();
      if (packet.command === A_CLSE) break;
      payloads.push(packet.payload.toString());
      host.send(A_OKAY, 5, local);
    }
    expect(payloads.join('')).toBe(Array.from({ length: 50 }, (_, line) => `line ${line}\n`).join(''));
    expect(payloads.length).toBeLessThanOrEqual(2);
  });

  it('acknowledges host WRTE at once and delivers the bytes; host CLSE aborts the stream', async () => {
    let aborted = false;
    const chunks: string[] = [];
    const host = await openTransport(() => async (stream) => {
      stream.signal.addEventListener('abort', () => (aborted = true));
      for await (const chunk of stream) chunks.push(chunk.toString());
    });
    host.send(A_CNXN, A_VERSION, 4096, Buffer.from('host::\0'));
    await host.next();
    host.send(A_OPEN, 3, 0, Buffer.from('sink:\0'));
    const local = (await host.next()).arg0;
    host.send(A_WRTE, 3, local, Buffer.from('hello'));
    const ack = await host.next();
    expect([commandName(ack.command), ack.arg0, ack.arg1]).toEqual(['OKAY', local, 3]);
    host.send(A_CLSE, 3, local);
    await expect.poll(() => aborted).toBe(true);
    expect(chunks).toEqual(['hello']);
  });
});
