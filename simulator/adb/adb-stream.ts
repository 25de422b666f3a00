/**
 * One adb stream (an OPENed service) on a transport connection. Device→host data goes out as WRTE
 * packets of at most `maxPayload` bytes, each waiting for the host's OKAY before the next; writes
 * made while a packet is in flight are coalesced into the next one (a logcat dump is a few packets,
 * not one round trip per line). Host→device data arrives through the async iterator. The stream's
 * signal aborts when either side closes it.
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
  #outgoing: Buffer[] = [];
  #queuedBytes = 0;
  #ackedBytes = 0;
  #sending = false;
  #ackWaiters: Array<{ until: number; resolve: () => void }> = [];
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
    if (bytes.length > 0 && !this.#closed) {
      this.#outgoing.push(bytes);
      this.#queuedBytes += bytes.length;
      if (!this.#sending) void this.#pump();
    }
    return this.flush();
  }

  /** Resolves when everything written so far has been acknowledged (or the stream closed). */
  flush(): Promise<void> {
    if (this.#closed || this.#ackedBytes >= this.#queuedBytes) return Promise.resolve();
    const until = this.#queuedBytes;
    return new Promise((resolve) => this.#ackWaiters.push({ until, resolve }));
  }

  /** Sends CLSE once (after pending writes) and ends the stream both ways. */
  async close(): Promise<void> {
    await this.flush();
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

  async #pump(): Promise<void> {
    this.#sending = true;
    while (this.#outgoing.length > 0 && !this.#closed) {
      const packet = this.#takePacket();
      const acknowledged = new Promise<void>((resolve) => (this.#okayWaiter = resolve));
      this.#transport.sendWrite(this.localId, this.remoteId, packet);
      await acknowledged;
      this.#ackedBytes += packet.length;
      this.#settleWaiters();
    }
    this.#sending = false;
  }

  /** Up to maxPayload bytes from the front of the queue, joining small writes and splitting large ones. */
  #takePacket(): Buffer {
    const limit = this.#transport.maxPayload;
    const parts: Buffer[] = [];
    let size = 0;
    while (size < limit && this.#outgoing.length > 0) {
      const head = this.#outgoing[0] as Buffer;
      if (size + head.length <= limit) {
        parts.push(head);
        size += head.length;
        this.#outgoing.shift();
      } else {
        parts.push(head.subarray(0, limit - size));
        this.#outgoing[0] = head.subarray(limit - size);
        size = limit;
      }
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  #settleWaiters(): void {
    const settled = this.#closed ? this.#ackWaiters : this.#ackWaiters.filter((waiter) => waiter.until <= this.#ackedBytes);
    this.#ackWaiters = this.#closed ? [] : this.#ackWaiters.filter((waiter) => waiter.until > this.#ackedBytes);
    for (const waiter of settled) waiter.resolve();
  }

  #finish(): void {
    this.#closed = true;
    this.#incomingEnded = true;
    this.#outgoing = [];
    this.#transport.release(this.localId);
    this.#wakeReader();
    this.handleOkay();
    this.#settleWaiters();
    this.#abort.abort();
  }

  #wakeReader(): void {
    const waiter = this.#readWaiter;
    this.#readWaiter = undefined;
    waiter?.();
  }
}
