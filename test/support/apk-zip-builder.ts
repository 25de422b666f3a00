import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** Builds ZIP archives and APK Signing Blocks in memory for unit tests of the APK reader. */

export interface TestZipEntry {
  name: string;
  data: Buffer | string;
  /** 0 = stored, 8 = deflated. @default 8 */
  method?: 0 | 8;
  /** Data already deflated (method 8), with the CRC-32 and size of what it inflates to; `data` is ignored. */
  deflated?: { bytes: Buffer; crc32: number; size: number };
}

export interface TestZipOptions {
  comment?: string;
  /** Bytes placed between the last entry and the central directory (an APK Signing Block). */
  beforeCentralDirectory?: Buffer;
}

export function buildZip(entries: readonly TestZipEntry[], options: TestZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
    const method = entry.deflated ? 8 : (entry.method ?? 8);
    const stored = entry.deflated?.bytes ?? (method === 8 ? deflateRawSync(data) : data);
    const nameBytes = Buffer.from(entry.name, 'utf8');
    const checksum = entry.deflated?.crc32 ?? crc32(data);
    const size = entry.deflated?.size ?? data.length;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);

    locals.push(local, nameBytes, stored);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + stored.length;
  }
  const block = options.beforeCentralDirectory ?? Buffer.alloc(0);
  const centralDirectory = Buffer.concat(centrals);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset + block.length, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, block, centralDirectory, end, comment]);
}

function lengthPrefixed(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
}

/**
 * The value of a v2 (or, with `v3`, a v3) signature scheme pair: one signer per certificate chain.
 * Digests, signatures and public keys are filler: the reader only reads certificates.
 */
export function buildSchemeValue(signers: ReadonlyArray<readonly Buffer[]>, options: { v3?: boolean } = {}): Buffer {
  const sdkRange = Buffer.alloc(8);
  sdkRange.writeUInt32LE(24, 0);
  sdkRange.writeUInt32LE(0x7fffffff, 4);
  const encoded = signers.map((chain) => {
    const digests = lengthPrefixed(lengthPrefixed(Buffer.from([0x03, 0x01, 0, 0]), lengthPrefixed(Buffer.alloc(32, 1))));
    const certificates = lengthPrefixed(...chain.map((certificate) => lengthPrefixed(certificate)));
    const attributes = lengthPrefixed();
    const signedData = options.v3 ? lengthPrefixed(digests, certificates, sdkRange, attributes) : lengthPrefixed(digests, certificates, attributes);
    const tail = options.v3 ? sdkRange : Buffer.alloc(0);
    return lengthPrefixed(signedData, tail, lengthPrefixed(), lengthPrefixed(Buffer.alloc(16, 2)));
  });
  return lengthPrefixed(...encoded);
}

/** An APK Signing Block holding `pairs` (id → value), magic "APK Sig Block 42" at its end. */
export function buildSigningBlock(pairs: ReadonlyArray<{ id: number; value: Buffer }>): Buffer {
  const encodedPairs = pairs.map(({ id, value }) => {
    const header = Buffer.alloc(12);
    header.writeBigUInt64LE(BigInt(value.length + 4), 0);
    header.writeUInt32LE(id, 8);
    return Buffer.concat([header, value]);
  });
  const body = Buffer.concat(encodedPairs);
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(body.length + 8 + 16));
  return Buffer.concat([size, body, size, Buffer.from('APK Sig Block 42', 'latin1')]);
}

/**
 * A ZIP whose one entry (`name`) inflates to `inflatedBytes` zero bytes: a ZIP bomb. Deflated as a
 * stream, so building a 1 GiB bomb needs a megabyte of memory, not a gigabyte; the result is ~1 MB.
 */
export async function buildZipBomb(name: string, inflatedBytes: number, others: readonly TestZipEntry[] = []): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(deflate, 'end');
  const zeros = Buffer.alloc(1024 * 1024);
  let checksum = 0;
  for (let written = 0; written < inflatedBytes; written += zeros.length) {
    const part = zeros.subarray(0, Math.min(zeros.length, inflatedBytes - written));
    checksum = crc32(part, checksum);
    if (!deflate.write(part)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return buildZip([{ name, data: Buffer.alloc(0), deflated: { bytes: Buffer.concat(chunks), crc32: checksum, size: inflatedBytes } }, ...others]);
}
