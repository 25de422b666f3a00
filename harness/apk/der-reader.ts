import { createMalformedError } from './apk-errors.ts';

/**
 * One ASN.1 element. Only what certificates and PKCS#7 SignedData need: tag, bounds, children.
 * BER indefinite lengths are accepted because some JAR signers (openssl smime) emit them.
 */
export interface DerNode {
  /** The identifier octet: class (bits 8–7), constructed (bit 6), tag number (bits 5–1). */
  tag: number;
  /** Offset of the identifier octet in `buffer`. */
  start: number;
  contentStart: number;
  /** End of the content (exclusive); for indefinite lengths, before the end-of-contents octets. */
  contentEnd: number;
  /** End of the whole element (exclusive). */
  end: number;
  buffer: Buffer;
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  universalString: 0x1c,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

const CONSTRUCTED = 0x20;
const MAX_DEPTH = 32;

/** Reads the element starting at `offset`. */
export function readDer(buffer: Buffer, offset: number, source: string, depth = 0): DerNode {
  const fail = (detail: string): never => {
    throw createMalformedError(source, `ASN.1 element at offset ${offset}: ${detail}`);
  };
  if (depth > MAX_DEPTH) fail('nested too deeply');
  if (offset + 2 > buffer.length) fail('runs past the end of the data');
  const tag = buffer[offset] ?? 0;
  // High tag numbers (0x1f) never occur in certificates or SignedData.
  if ((tag & 0x1f) === 0x1f) fail('uses a multi-byte tag');
  const first = buffer[offset + 1] ?? 0;
  let contentStart = offset + 2;
  if (first === 0x80) {
    if ((tag & CONSTRUCTED) === 0) fail('a primitive element has an indefinite length');
    let cursor = contentStart;
    while (true) {
      if (cursor + 2 > buffer.length) fail('indefinite-length element has no end-of-contents');
      if (buffer[cursor] === 0 && buffer[cursor + 1] === 0) break;
      cursor = readDer(buffer, cursor, source, depth + 1).end;
    }
    return { tag, start: offset, contentStart, contentEnd: cursor, end: cursor + 2, buffer };
  }
  let length = first;
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4) fail(`length of ${count} bytes is too large`);
    if (contentStart + count > buffer.length) fail('length runs past the end of the data');
    length = 0;
    for (let index = 0; index < count; index++) length = length * 256 + (buffer[contentStart + index] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > buffer.length) fail(`content of ${length} bytes runs past the end of the data`);
  return { tag, start: offset, contentStart, contentEnd: end, end, buffer };
}

/** The elements inside a constructed element. */
export function readDerChildren(node: DerNode, source: string): DerNode[] {
  if ((node.tag & CONSTRUCTED) === 0) throw createMalformedError(source, `ASN.1 element at offset ${node.start} is not constructed`);
  const children: DerNode[] = [];
  for (let offset = node.contentStart; offset < node.contentEnd; ) {
    const child = readDer(node.buffer, offset, source);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** Child `index`, which must exist and (when given) carry `tag`. */
export function expectChild(children: readonly DerNode[], index: number, tag: number | undefined, source: string, what: string): DerNode {
  const child = children[index];
  if (!child || (tag !== undefined && child.tag !== tag)) {
    throw createMalformedError(source, `${what} is missing (expected ASN.1 tag 0x${(tag ?? 0).toString(16)} at position ${index})`);
  }
  return child;
}

export function readContent(node: DerNode): Buffer {
  return node.buffer.subarray(node.contentStart, node.contentEnd);
}

/** The whole element (identifier, length, content) — what certificate fingerprints hash. */
export function readEncoded(node: DerNode): Buffer {
  return node.buffer.subarray(node.start, node.end);
}

export function readOid(node: DerNode): string {
  const bytes = readContent(node);
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

/** Bit length of an unsigned big-endian INTEGER (RSA modulus, DSA prime). */
export function readIntegerBitLength(node: DerNode): number {
  const bytes = readContent(node);
  let index = 0;
  while (index < bytes.length && bytes[index] === 0) index++;
  if (index === bytes.length) return 0;
  return (bytes.length - index - 1) * 8 + (32 - Math.clz32(bytes[index] ?? 0));
}
