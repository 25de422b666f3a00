/**
 * Reads exact byte counts from a stream of chunks (the sync protocol and sized installs need
 * `read 8 bytes`, `read len bytes` regardless of how WRTE packets split them).
 */
export class ByteReader {
  readonly #source: AsyncIterator<Buffer>;
  #pending: Buffer = Buffer.alloc(0);
  #ended = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** Exactly `count` bytes, or undefined when the stream ends first. */
  async readExactly(count: number): Promise<Buffer | undefined> {
    while (this.#pending.length < count) {
      if (!(await this.#pull())) return undefined;
    }
    const bytes = this.#pending.subarray(0, count);
    this.#pending = this.#pending.subarray(count);
    return bytes;
  }

  /** Whatever is buffered, or the next chunk; undefined at the end. At most `limit` bytes. */
  async readSome(limit = Number.POSITIVE_INFINITY): Promise<Buffer | undefined> {
    if (this.#pending.length === 0 && !(await this.#pull())) return undefined;
    const bytes = this.#pending.subarray(0, limit);
    this.#pending = this.#pending.subarray(bytes.length);
    return bytes;
  }

  async #pull(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#source.next();
    if (next.done) {
      this.#ended = true;
      return false;
    }
    this.#pending = this.#pending.length === 0 ? next.value : Buffer.concat([this.#pending, next.value]);
    return true;
  }
}
