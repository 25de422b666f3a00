/**
 * Device-side TCP servers (what `adb forward tcp:X tcp:<port>` reaches): each connection is an
 * in-memory Duplex pair, one end for adb's `tcp:<port>` stream, the other for the server.
 */
import { Duplex } from 'node:stream';
import type { DeviceTcpHandler } from './contracts.ts';

export class TcpPorts {
  #handlers = new Map<number, DeviceTcpHandler>();

  listen(port: number, handler: DeviceTcpHandler): () => void {
    this.#handlers.set(port, handler);
    return () => {
      if (this.#handlers.get(port) === handler) this.#handlers.delete(port);
    };
  }

  connect(port: number): Duplex | undefined {
    const handler = this.#handlers.get(port);
    if (handler === undefined) return undefined;
    const [client, server] = createDuplexPair();
    handler(server);
    return client;
  }

  closeAll(): void {
    this.#handlers.clear();
  }
}

/** Two connected Duplex streams: what one writes, the other reads; ending one ends the other's input. */
export function createDuplexPair(): [Duplex, Duplex] {
  let left: Duplex | undefined;
  let right: Duplex | undefined;
  const make = (peer: () => Duplex | undefined): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        peer()?.push(chunk);
        callback();
      },
      final(callback) {
        peer()?.push(null);
        callback();
      },
      destroy(error, callback) {
        const other = peer();
        if (other !== undefined && !other.destroyed) other.push(null);
        callback(error);
      },
    });
  left = make(() => right);
  right = make(() => left);
  return [left, right];
}
