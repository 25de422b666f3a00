import type { Server } from 'node:net';

/**
 * Listens on 127.0.0.1:<port> exclusively, like the real emulator's console and adb ports: resolves
 * once listening, rejects when the port is taken (EADDRINUSE), so the caller can exit with a clear error.
 */
export function listenOnLoopback(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
