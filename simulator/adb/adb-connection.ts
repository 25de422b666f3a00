import type { Socket } from 'node:net';
import { AdbStream, type StreamTransport } from './adb-stream.ts';
import {
  A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_VERSION, A_WRTE, MAX_PAYLOAD, PacketDecoder, commandName, encodePacket,
  type AdbPacket,
} from './packet.ts';

/** Decides what an OPENed service does; undefined refuses it (the host sees `closed`). */
export type ServiceRouter = (service: string) => ((stream: AdbStream) => Promise<void>) | undefined;

export interface AdbConnectionOptions {
  /** `device::ro.product.name=…;…;features=…` sent in our CNXN. */
  banner: string;
  route: ServiceRouter;
  /** Protocol activity for `-verbose` / `-debug`. */
  log?: (line: string) => void;
  /** Called once after the host's CNXN was answered (the device is now online for that host). */
  onOnline?: () => void;
}

/**
 * The device side of one adb transport: answers CNXN (no AUTH), multiplexes streams, and closes
 * every stream when the socket goes away.
 */
export class AdbConnection implements StreamTransport {
  readonly #socket: Socket;
  readonly #options: AdbConnectionOptions;
  readonly #decoder = new PacketDecoder();
  readonly #streams = new Map<number, AdbStream>();
  #nextLocalId = 1;
  #maxPayload = MAX_PAYLOAD;
  #online = false;
  readonly closed: Promise<void>;

  constructor(socket: Socket, options: AdbConnectionOptions) {
    this.#socket = socket;
    this.#options = options;
    // Without TCP_NODELAY every small OKAY/WRTE round trip waits for delayed ACKs (~40 ms each).
    socket.setNoDelay(true);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', (error) => this.#log(`socket error: ${error.message}`));
    socket.once('close', () => this.#dropAll());
  }

  get maxPayload(): number {
    return this.#maxPayload;
  }

  get online(): boolean {
    return this.#online;
  }

  get streamCount(): number {
    return this.#streams.size;
  }

  /** Drops the transport (the host then lists the device as gone). */
  destroy(): void {
    this.#socket.destroy();
  }

  sendWrite(localId: number, remoteId: number, payload: Buffer): void {
    this.#send(A_WRTE, localId, remoteId, payload);
  }

  sendClose(localId: number, remoteId: number): void {
    this.#send(A_CLSE, localId, remoteId);
  }

  release(localId: number): void {
    this.#streams.delete(localId);
  }

  #receive(chunk: Buffer): void {
    let packets: AdbPacket[];
    try {
      packets = this.#decoder.push(chunk);
    } catch (error) {
      this.#log(`dropping connection: ${error instanceof Error ? error.message : String(error)}`);
      this.#socket.destroy();
      return;
    }
    for (const packet of packets) this.#handle(packet);
  }

  #handle(packet: AdbPacket): void {
    switch (packet.command) {
      case A_CNXN:
        return this.#handleConnect(packet);
      case A_OPEN:
        return this.#handleOpen(packet);
      case A_OKAY:
        this.#streams.get(packet.arg1)?.handleOkay();
        return;
      case A_WRTE: {
        const stream = this.#streams.get(packet.arg1);
        if (!stream) return;
        this.#send(A_OKAY, stream.localId, stream.remoteId);
        stream.handleData(packet.payload);
        return;
      }
      case A_CLSE:
        // CLSE for a stream we no longer know is normal (both sides closing at once): ignore it.
        this.#streams.get(packet.arg1)?.handleRemoteClose();
        return;
      default:
        this.#log(`ignoring ${commandName(packet.command)}`);
    }
  }

  #handleConnect(packet: AdbPacket): void {
    this.#maxPayload = Math.min(MAX_PAYLOAD, packet.arg1 || MAX_PAYLOAD);
    this.#log(`CNXN from host: version 0x${packet.arg0.toString(16)}, maxdata ${packet.arg1}, ${packet.payload.toString('latin1').replace(/\0+$/, '')}`);
    // A second CNXN means the host restarted its side of the transport: earlier streams are gone.
    this.#dropAll();
    this.#send(A_CNXN, A_VERSION, MAX_PAYLOAD, Buffer.from(this.#options.banner, 'utf8'));
    if (!this.#online) {
      this.#online = true;
      this.#options.onOnline?.();
    }
  }

  #handleOpen(packet: AdbPacket): void {
    const remoteId = packet.arg0;
    const service = packet.payload.toString('utf8').replace(/\0+$/, '');
    let handler: ReturnType<ServiceRouter>;
    try {
      handler = this.#options.route(service);
    } catch (error) {
      this.#log(`routing ${JSON.stringify(service)} failed: ${error instanceof Error ? error.message : String(error)}`);
      handler = undefined;
    }
    if (!handler) {
      this.#log(`OPEN ${JSON.stringify(service)} refused`);
      this.#send(A_CLSE, 0, remoteId);
      return;
    }
    const localId = this.#nextLocalId;
    this.#nextLocalId = this.#nextLocalId >= 0x7fffffff ? 1 : this.#nextLocalId + 1;
    const stream = new AdbStream(this, localId, remoteId, service);
    this.#streams.set(localId, stream);
    this.#log(`OPEN ${JSON.stringify(service)} as ${localId}`);
    this.#send(A_OKAY, localId, remoteId);
    handler(stream)
      .catch((error: unknown) => this.#log(`service ${JSON.stringify(service)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`))
      .finally(() => void stream.close());
  }

  #send(command: number, arg0: number, arg1: number, payload?: Buffer): void {
    if (this.#socket.destroyed) return;
    this.#socket.write(encodePacket(command, arg0, arg1, payload));
  }

  #dropAll(): void {
    for (const stream of [...this.#streams.values()]) stream.handleRemoteClose();
    this.#streams.clear();
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }
}
