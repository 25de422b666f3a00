/** An in-memory pipe between two pipeline stages: writes queue up, the reader iterates them. */

export class Pipe implements AsyncIterable<Buffer> {
  #chunks: Buffer[] = [];
  #closed = false;
  #wake: (() => void) | undefined;

  write(chunk: string | Buffer): void {
    if (this.#closed) return;
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    this.#notify();
  }

  close(): void {
    this.#closed = true;
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const chunk = this.#chunks.shift();
      if (chunk !== undefined) { yield chunk; continue; }
      if (this.#closed) return;
      await new Promise<void>((resolve) => { this.#wake = resolve; });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/** A stdin with nothing in it (`</dev/null`, commands after the first pipeline stage's end). */
export const EMPTY_INPUT: AsyncIterable<Buffer> = {
  async *[Symbol.asyncIterator]() {},
};

/** A stdin holding fixed bytes (`< file`). */
export function inputOf(data: Buffer): AsyncIterable<Buffer> {
  return {
    async *[Symbol.asyncIterator]() {
      if (data.length > 0) yield data;
    },
  };
}
