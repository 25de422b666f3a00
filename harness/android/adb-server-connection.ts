import { connect, type Socket } from 'node:net';
import { encodeSmartSocketRequest, parseHexLength } from './adb-wire.ts';

/** Where the adb server listens. */
export interface AdbServerAddress {
  host: string;
  port: number;
}

/** The server's answer to one request: OKAY, or FAIL with its message (`device 'x' not found`). */
export type AdbStatus = { ok: true } | { ok: false; message: string };

/** The socket to the server could not be opened (ECONNREFUSED when no server listens). */
export class AdbServerUnreachable extends Error {
  readonly errorCode: string | undefined;
  constructor(cause: NodeJS.ErrnoException) {
    super(`cannot connect to the adb server: ${cause.message}`, { cause });
    this.errorCode = cause.code;
  }
}

/** The server broke the protocol or closed the socket before a full answer. */
export class AdbProtocolFault extends Error {}

/**
 * One socket to the adb server with exact reads (`ReadFdExactly` in AOSP `adb_io.cpp`): a reader
 * waits until enough bytes arrived, or fails when the socket closes first. Once the request phase
 * is over, `stream` hands every further chunk to the caller (the shell service's packets).
 */
export class AdbServerConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#notify();
    });
    socket.on('end', () => { this.#ended = true; this.#notify(); });
    socket.on('close', () => { this.#ended = true; this.#notify(); });
    socket.on('error', (error) => { this.#error = error; this.#ended = true; this.#notify(); });
  }

  static async open(address: AdbServerAddress): Promise<AdbServerConnection> {
    return await new Promise((resolve, reject) => {
      const socket = connect({ host: address.host, port: address.port, noDelay: true });
      const onError = (error: NodeJS.ErrnoException): void => { socket.destroy(); reject(new AdbServerUnreachable(error)); };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve(new AdbServerConnection(socket));
      });
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #waitForData(): Promise<void> {
    await new Promise<void>((resolve) => { this.#wake = resolve; });
  }

  /** Exactly `length` bytes; AdbProtocolFault when the socket ends first. */
  async read(length: number, what: string): Promise<Buffer> {
    while (this.#buffer.length < length) {
      if (this.#ended) throw new AdbProtocolFault(`${what}: the adb server closed the connection${this.#error ? ` (${this.#error.message})` : ''}`);
      await this.#waitForData();
    }
    const bytes = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return bytes;
  }

  /** A 4-hex-digit length, then that many bytes (`ReadProtocolString`). */
  async readProtocolString(what: string): Promise<string> {
    const length = parseHexLength(await this.read(4, what));
    if (length === undefined) throw new AdbProtocolFault(`${what}: bad length prefix from the adb server`);
    return (await this.read(length, what)).toString('utf8');
  }

  /** Sends one request and reads OKAY or FAIL + message (`adb_status`). */
  async request(service: string): Promise<AdbStatus> {
    this.#socket.write(encodeSmartSocketRequest(service));
    const status = (await this.read(4, `status of ${service}`)).toString('latin1');
    if (status === 'OKAY') return { ok: true };
    if (status === 'FAIL') return { ok: false, message: await this.readProtocolString(`FAIL message of ${service}`) };
    throw new AdbProtocolFault(`protocol fault (status ${Buffer.from(status, 'latin1').toString('hex')}) for ${service}`);
  }

  write(bytes: Buffer): void {
    this.#socket.write(bytes);
  }

  /**
   * Hands the bytes already read and every later chunk to `onData`; resolves when the server
   * closes the socket (or it fails: the device went away, the server died).
   */
  async stream(onData: (chunk: Buffer) => boolean | void): Promise<void> {
    for (;;) {
      if (this.#buffer.length > 0) {
        const chunk = this.#buffer;
        this.#buffer = Buffer.alloc(0);
        if (onData(chunk) === true) return;
        continue;
      }
      if (this.#ended) return;
      await this.#waitForData();
    }
  }

  destroy(): void {
    this.#socket.destroy();
    this.#notify();
  }

  get destroyed(): boolean {
    return this.#socket.destroyed;
  }
}
