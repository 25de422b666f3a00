import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * The first of `needles` that occurs in a file, or undefined. Read as a stream (Appium log parts
 * and evidence can be large); a `.gz` file is searched in its decompressed bytes, since that is
 * what a reader sees. Matching is on exact UTF-8 bytes, with a carry-over between chunks so a
 * needle split across two chunks is still found.
 */
export async function findNeedle(path: string, needles: readonly string[]): Promise<string | undefined> {
  if (needles.length === 0) return undefined;
  const patterns = needles.map((needle) => ({ needle, bytes: Buffer.from(needle, 'utf8') }));
  const keep = Math.max(...patterns.map((pattern) => pattern.bytes.length)) - 1;
  let stream: Readable = createReadStream(path, { highWaterMark: 1024 * 1024 });
  if (path.endsWith('.gz')) stream = stream.pipe(createGunzip());
  let carry = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const window = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      for (const pattern of patterns) if (window.includes(pattern.bytes)) return pattern.needle;
      carry = Buffer.from(window.subarray(Math.max(0, window.length - keep)));
    }
  } finally {
    stream.destroy();
  }
  return undefined;
}
