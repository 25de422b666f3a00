import { createServer, type Server } from 'node:net';
import { AdbConnection, type AdbConnectionOptions } from './adb-connection.ts';
import { listenOnLoopback } from '../net/listen-loopback.ts';

export interface AdbListener {
  readonly port: number;
  /** Open transport connections (the adb server keeps one per device it lists). */
  connections(): readonly AdbConnection[];
  /** Drops every transport connection (adb lists the device as gone until it connects again). */
  dropAll(): void;
  /** While false, new connections are closed at once (the device is unreachable). */
  setAccepting(accepting: boolean): void;
  /** Stops listening and drops every connection, so adb lists the device as gone at once. */
  close(): Promise<void>;
}

export interface AdbListenerOptions extends Omit<AdbConnectionOptions, 'onOnline'> {
  port: number;
  /** Called when a transport connection closes (the adb server went away or dropped the device). */
  onDisconnect?: () => void;
  /** Called when a transport connection is accepted (the emulator's guest adbd opens its next pipe). */
  onConnect?: () => void;
}

/** Listens on 127.0.0.1:port for adb transport connections (the server connecting back, or `adb connect`). */
export async function listenForAdb(options: AdbListenerOptions): Promise<AdbListener> {
  const connections = new Set<AdbConnection>();
  let accepting = true;
  const server: Server = createServer((socket) => {
    if (!accepting) {
      socket.destroy();
      return;
    }
    const connection = new AdbConnection(socket, options);
    connections.add(connection);
    options.onConnect?.();
    options.log?.(`transport connection from ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'} on port ${options.port}`);
    void connection.closed.then(() => {
      connections.delete(connection);
      options.log?.(`transport connection on port ${options.port} closed`);
      options.onDisconnect?.();
    });
  });
  server.on('error', (error) => options.log?.(`adb listener on port ${options.port}: ${error.message}`));
  await listenOnLoopback(server, options.port);
  return {
    port: options.port,
    connections: () => [...connections],
    dropAll: () => {
      for (const connection of connections) connection.destroy();
    },
    setAccepting: (value) => {
      accepting = value;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.destroy();
      await closed;
    },
  };
}
