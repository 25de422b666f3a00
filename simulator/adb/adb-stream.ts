/**
 * One adb stream (an OPENed service) on a transport connection. Device→host data goes out as WRTE
 * packets of at most `maxPayload` bytes, each waiting for the host's OKAY before the next; host→device
 * data arrives through the async iterator. The stream's signal aborts when either side closes it.
 */
export interface StreamTransport {
  sendWrite(localId: number, remoteId: number, payload: Buffer): void;
  sendClose(localId: number, remoteId: number): void;
  readonly maxPayload: number;
  /** Forgets the stream (after CLSE in either direction). */
  release(localId: number): void;
}

export class AdbStream implements AsyncIterable<Buffer> {
  readonly localId: number;
  readonly remoteId: number;
  readonly service: string;
  readonly #transport: StreamTransport;
  readonly #abort = new AbortController();
  #writeChain: Promise<void> = Promise.resolve();
  #okayWaiter: (() => void) | undefined;
  #incoming: Buffer[] = [];
  #incomingEnded = false;
  #readWaiter: (() => void) | undefined;
  #closed = false;

  constructor(transport: StreamTransport, localId: number, remoteId: number, service: string) {
    this.#transport = transport;
    this.localId = localId;
    this.remoteId = remoteId;
    this.service = service;
  }

  /** Aborted when the stream is closed by the host or by this side. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Queues bytes for the host; resolves once the host has acknowledged them (or the stream closed). */
  write(data: Buffer | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.length === 0) return this.#writeChain;
    this.#writeChain = this.#writeChain.then(() => this.#sendChunks(bytes));
    return this.#writeChain;
  }

  /** Resolves when everything written so far has been acknowledged. */
  flush(): Promise<void> {
    return this.#writeChain;
  }

  /** Sends CLSE once (after pending writes) and ends the stream both ways. */
  async close(): Promise<void> {
    await this.#writeChain;
    if (this.#closed) return;
    this.#transport.sendClose(this.localId, this.remoteId);
    this.#finish();
  }

  /** The host sent CLSE, or the connection dropped. */
  handleRemoteClose(): void {
    if (this.#closed) return;
    this.#finish();
  }

  handleOkay(): void {
    const waiter = this.#okayWaiter;
    this.#okayWaiter = undefined;
    waiter?.();
  }

  handleData(payload: Buffer): void {
    if (this.#incomingEnded) return;
    this.#incoming.push(payload);
    this.#wakeReader();
  }

  /** Host→device data; ends when the host closes the stream. */
  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const chunk = this.#incoming.shift();
      if (chunk) {
        yield chunk;
        continue;
      }
      if (this.#incomingEnded) return;
      await new Promise<void>((resolve) => (this.#readWaiter = resolve));
    }
  }

  async #sendChunks(bytes: Buffer): Promise<void> {
    for (let offset = 0; offset < bytes.length && !this.#closed; offset += this.#transport.maxPayload) {
      const chunk = bytes.subarray(offset, offset + this.#transport.maxPayload);
      const acknowledged = new Promise<void>((resolve) => (this.#okayWaiter = resolve));
      this.#transport.sendWrite(this.localId, this.remoteId, chunk);
      await acknowledged;
    }
  }

  #finish(): void {
    this.#closed = true;
    this.#incomingEnded = true;
    this.#transport.release(this.localId);
    this.#wakeReader();
    this.handleOkay();
    this.#abort.abort();
  }

  #wakeReader(): void {
    const waiter = this.#readWaiter;
    this.#readWaiter = undefined;
    waiter?.();
  }
}
