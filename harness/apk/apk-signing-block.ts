import { ByteReader } from './byte-reader.ts';
import { parseCertificateBytes, type ParsedCertificate } from './x509-certificate.ts';
import type { ZipArchive } from './zip-reader.ts';

/** Ids of the signature schemes in the APK Signing Block (source.android.com/docs/security/features/apksigning/v2). */
export const SIGNATURE_SCHEME_V2_ID = 0x7109871a;
export const SIGNATURE_SCHEME_V3_ID = 0xf05368c0;

const MAGIC = Buffer.from('APK Sig Block 42', 'latin1');
/** size-of-block (uint64) + magic (16 bytes) at the end of the block. */
const FOOTER_SIZE = 24;

/**
 * The id → value pairs of the APK Signing Block that sits right before the central directory, or
 * undefined when the APK has none (v1-only signing or unsigned).
 */
export function readSigningBlock(zip: ZipArchive): Map<number, Buffer> | undefined {
  const end = zip.centralDirectoryOffset;
  if (end < FOOTER_SIZE + 8) return undefined;
  const { buffer } = zip;
  if (!buffer.subarray(end - MAGIC.length, end).equals(MAGIC)) return undefined;
  const reader: ByteReader = new ByteReader(buffer, `${zip.source} (APK Signing Block)`);
  // The size fields count everything after the leading size field: pairs, trailing size, magic.
  const size = reader.u64(end - FOOTER_SIZE, 'signing block size');
  const start = end - size - 8;
  if (start < 0 || size < FOOTER_SIZE) reader.fail(`the block declares ${size} bytes, which do not fit before the central directory`);
  if (reader.u64(start, 'signing block leading size') !== size) reader.fail('the leading and trailing block sizes differ');

  const pairs = new Map<number, Buffer>();
  for (let offset = start + 8; offset < end - FOOTER_SIZE; ) {
    const length = reader.u64(offset, 'pair length');
    if (length < 4 || offset + 8 + length > end - FOOTER_SIZE) reader.fail(`pair at offset ${offset} has length ${length}`);
    const id = reader.u32(offset + 8, 'pair id');
    if (!pairs.has(id)) pairs.set(id, reader.slice(offset + 12, length - 4, 'pair value'));
    offset += 8 + length;
  }
  return pairs;
}

/** Splits a sequence of uint32-length-prefixed items. */
function readLengthPrefixedItems(reader: ByteReader, offset: number, length: number): Array<{ offset: number; length: number }> {
  const items: Array<{ offset: number; length: number }> = [];
  for (let at = offset; at < offset + length; ) {
    const itemLength = reader.u32(at, 'item length');
    if (at + 4 + itemLength > offset + length) reader.fail(`item at offset ${at} (${itemLength} bytes) runs past its sequence`);
    items.push({ offset: at + 4, length: itemLength });
    at += 4 + itemLength;
  }
  return items;
}

/** The one length-prefixed field at `offset`. */
function readLengthPrefixed(reader: ByteReader, offset: number, what: string): { offset: number; length: number } {
  const length = reader.u32(offset, `${what} length`);
  reader.require(offset + 4, length, what);
  return { offset: offset + 4, length };
}

/**
 * The certificates of each signer of a v2 or v3 block, signer order, the signer's own certificate
 * first. v2 and v3 share this layout up to the certificates: signer → signed data → (digests,
 * certificates, …). Signatures and digests are not verified.
 */
export function readSchemeSigners(value: Buffer, source: string): ParsedCertificate[][] {
  const reader: ByteReader = new ByteReader(value, source);
  const signers = readLengthPrefixed(reader, 0, 'signer sequence');
  return readLengthPrefixedItems(reader, signers.offset, signers.length).map((signer) => {
    const signedData = readLengthPrefixed(reader, signer.offset, 'signed data');
    const digests = readLengthPrefixed(reader, signedData.offset, 'digests');
    const certificates = readLengthPrefixed(reader, digests.offset + digests.length, 'certificates');
    return readLengthPrefixedItems(reader, certificates.offset, certificates.length).map((certificate) =>
      parseCertificateBytes(reader.slice(certificate.offset, certificate.length, 'certificate'), source),
    );
  });
}
