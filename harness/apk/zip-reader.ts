import { crc32, inflateRawSync } from 'node:zlib';
import { HarnessError } from '../errors/index.ts';
import { createMalformedError, createOversizeError, createTruncatedError } from './apk-errors.ts';

/** One file in the archive, as its central-directory record describes it. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated; Android inflates any other value too. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  /** How errors name the archive: its path, or the label given with a buffer. */
  source: string;
  buffer: Buffer;
  /** Entries in central-directory order; the first of duplicate names wins in `byName`. */
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  /** Where the central directory starts: the APK Signing Block ends right before it. */
  centralDirectoryOffset: number;
  centralDirectorySize: number;
  endOfCentralDirectoryOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

const NOT_AN_APK_HINT =
  'pass an .apk file (a ZIP archive); bundles (.aab, .apks, .xapk) must be converted to a universal APK first';

/** Finds the end-of-central-directory record, scanning back over an archive comment of up to 64 KiB. */
function findEndOfCentralDirectory(buffer: Buffer): number | undefined {
  const lowest = Math.max(0, buffer.length - EOCD_SIZE - MAX_COMMENT);
  for (let offset = buffer.length - EOCD_SIZE; offset >= lowest; offset--) {
    if (buffer.readUInt32LE(offset) !== EOCD_SIGNATURE) continue;
    // A signature inside the comment itself would claim a comment running past the end of file.
    const commentLength = buffer.readUInt16LE(offset + 20);
    if (offset + EOCD_SIZE + commentLength <= buffer.length) return offset;
  }
  return undefined;
}

function failNoEndRecord(buffer: Buffer, source: string): never {
  const startsLikeZip = buffer.length >= 4 && buffer.readUInt32LE(0) === LOCAL_SIGNATURE;
  if (startsLikeZip) {
    throw createTruncatedError(source, `it starts like a ZIP archive but its end-of-central-directory record is missing (${buffer.length} bytes)`);
  }
  throw new HarnessError('APK_INVALID', `${source} is not an APK (no ZIP end-of-central-directory record)`, { hint: NOT_AN_APK_HINT });
}

function failZip64(source: string): never {
  throw new HarnessError('APK_INVALID', `${source} is a ZIP64 archive, which Android does not install and this reader does not support`, {
    hint: 'rebuild the APK with the standard Android tools (apksigner/zipalign write plain ZIP)',
  });
}

/** Parses the central directory of an APK held in memory. Entry data is read on demand. */
export function openZip(buffer: Buffer, source: string): ZipArchive {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd === undefined) failNoEndRecord(buffer, source);

  const diskEntries = buffer.readUInt16LE(eocd + 8);
  const totalEntries = buffer.readUInt16LE(eocd + 10);
  const centralDirectorySize = buffer.readUInt32LE(eocd + 12);
  const centralDirectoryOffset = buffer.readUInt32LE(eocd + 16);
  const hasZip64Locator = eocd >= 20 && buffer.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE;
  if (hasZip64Locator || totalEntries === 0xffff || centralDirectorySize === 0xffffffff || centralDirectoryOffset === 0xffffffff) {
    failZip64(source);
  }
  if (diskEntries !== totalEntries) {
    throw createMalformedError(source, 'multi-disk ZIP archives are not APKs');
  }
  if (centralDirectoryOffset + centralDirectorySize > eocd) {
    throw createTruncatedError(
      source,
      `the central directory (offset ${centralDirectoryOffset}, ${centralDirectorySize} bytes) runs past the end record at offset ${eocd}`,
    );
  }

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let offset = centralDirectoryOffset;
  const end = centralDirectoryOffset + centralDirectorySize;
  for (let index = 0; index < totalEntries; index++) {
    if (offset + CENTRAL_SIZE > end || buffer.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw createMalformedError(source, `central directory record ${index} of ${totalEntries} is missing at offset ${offset}`);
    }
    const flags = buffer.readUInt16LE(offset + 8);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const recordEnd = offset + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (recordEnd > end) throw createMalformedError(source, `central directory record ${index} runs past the directory`);
    const nameBytes = buffer.subarray(offset + CENTRAL_SIZE, offset + CENTRAL_SIZE + nameLength);
    const entry: ZipEntry = {
      // Android reads every name as UTF-8 whatever the language-encoding flag says.
      name: nameBytes.toString('utf8'),
      method: buffer.readUInt16LE(offset + 10),
      flags,
      crc32: buffer.readUInt32LE(offset + 16),
      compressedSize: buffer.readUInt32LE(offset + 20),
      uncompressedSize: buffer.readUInt32LE(offset + 24),
      localHeaderOffset: buffer.readUInt32LE(offset + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      failZip64(source);
    }
    entries.push(entry);
    if (!byName.has(entry.name)) byName.set(entry.name, entry);
    offset = recordEnd;
  }

  return { source, buffer, entries, byName, centralDirectoryOffset, centralDirectorySize, endOfCentralDirectoryOffset: eocd };
}

/**
 * The most the harness inflates from one entry (manifest, resource table, signature file, behaviour
 * file). Real manifests are kilobytes and the largest real resource tables tens of megabytes; the cap
 * keeps a ZIP bomb's memory bounded whatever the entry declares.
 */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * The uncompressed bytes of one entry, CRC-checked.
 * @param limit the most this entry may inflate to; a larger declared size is refused before inflating
 */
export function readZipEntry(zip: ZipArchive, entry: ZipEntry, limit = MAX_ENTRY_BYTES): Buffer {
  const { buffer } = zip;
  const where = `${zip.source}!${entry.name}`;
  if (entry.uncompressedSize > limit) {
    throw createOversizeError(where, `it inflates to ${entry.uncompressedSize} bytes, more than the ${limit} bytes the harness reads from one entry`);
  }
  const local = entry.localHeaderOffset;
  if (local + LOCAL_SIZE > zip.centralDirectoryOffset) {
    throw createTruncatedError(zip.source, `the local header of ${entry.name} at offset ${local} lies past the entry data`);
  }
  if (buffer.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    throw createMalformedError(where, `no local file header at offset ${local}`);
  }
  // The local header's own name and extra lengths decide where data starts (zipalign pads the extra field).
  const dataStart = local + LOCAL_SIZE + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > buffer.length) {
    throw createTruncatedError(zip.source, `the data of ${entry.name} ends at offset ${dataEnd}, past the end of the file (${buffer.length} bytes)`);
  }
  const raw = buffer.subarray(dataStart, dataEnd);

  // Read entries the way Android's libziparchive does, not the way desktop tools do: it ignores the
  // "encrypted" flag and inflates every method other than stored. Malware sets both to break
  // analysis tools while the APK still installs, and stalkerware samples are such APKs.
  let data: Buffer;
  if (entry.method === 0) {
    data = raw;
  } else {
    try {
      // The declared size bounds the output, so a lying entry cannot inflate without limit.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
    } catch (error) {
      throw createMalformedError(where, `the data (compression method ${entry.method}) does not inflate to ${entry.uncompressedSize} bytes`, error);
    }
  }
  if (data.length !== entry.uncompressedSize) {
    throw createMalformedError(where, `the entry holds ${data.length} bytes, the central directory says ${entry.uncompressedSize}`);
  }
  if (crc32(data) !== entry.crc32) throw createMalformedError(where, 'the CRC-32 of the data does not match the central directory');
  return data;
}
