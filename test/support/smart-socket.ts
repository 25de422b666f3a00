import { connect, type Socket } from 'node:net';

/**
 * Opens a device service through the adb server the way the adb client does: `host:transport:<serial>`,
 * then the service, each as a smart-socket request (4 hex digits of length + text) answered by
 * OKAY or FAIL. Returns the raw socket, now connected to the service's stream.
 */
export async function openDeviceService(options: { serverPort: number; serial: string; service: string }): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port: options.serverPort });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const reader = createReader(socket);
  for (const request of [`host:transport:${options.serial}`, options.service]) {
    const bytes = Buffer.from(request, 'utf8');
    socket.write(Buffer.concat([Buffer.from(bytes.length.toString(16).padStart(4, '0'), 'latin1'), bytes]));
    const status = (await reader.read(4)).toString('latin1');
    if (status !== 'OKAY') {
      const length = Number.parseInt((await reader.read(4)).toString('latin1'), 16);
      const message = (await reader.read(length)).toString('utf8');
      socket.destroy();
      throw new Error(`${request}: ${status} ${message}`);
    }
  }
  reader.release();
  return socket;
}

/** Reads everything until the other side closes. */
export async function readToEnd(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function createReader(socket: Socket): { read(count: number): Promise<Buffer>; release(): void } {
  let pending = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  let ended = false;
  const onData = (chunk: Buffer): void => {
    pending = Buffer.concat([pending, chunk]);
    waiter?.();
  };
  const onEnd = (): void => {
    ended = true;
    waiter?.();
  };
  socket.on('data', onData);
  socket.on('close', onEnd);
  return {
    async read(count) {
      while (pending.length < count) {
        if (ended) throw new Error('connection closed');
        await new Promise<void>((resolve) => (waiter = resolve));
        waiter = undefined;
      }
      const bytes = pending.subarray(0, count);
      pending = pending.subarray(count);
      return bytes;
    },
    release() {
      socket.off('data', onData);
      socket.off('close', onEnd);
      socket.pause();
      if (pending.length > 0) socket.unshift(pending);
    },
  };
}
