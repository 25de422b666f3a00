import { createHash } from 'node:crypto';
import {
  expectChild,
  readContent,
  readDer,
  readDerChildren,
  readEncoded,
  readIntegerBitLength,
  readOid,
  TAG,
  type DerNode,
} from './der-reader.ts';
import { formatDistinguishedName } from './distinguished-name.ts';
import type { SigningCertificate } from './types.ts';

/** A certificate plus what PKCS#7 needs to tell which certificate signed. */
export interface ParsedCertificate {
  certificate: SigningCertificate;
  /** DER of the issuer Name and content of the serial INTEGER, compared with SignerInfo's issuerAndSerialNumber. */
  issuer: Buffer;
  serial: Buffer;
}

const RSA_OID = '1.2.840.113549.1.1.1';
const EC_OID = '1.2.840.10045.2.1';
const DSA_OID = '1.2.840.10040.4.1';

/** Named curves by OID → field size in bits, as apksigner reports an EC key's size. */
const CURVE_BITS: ReadonlyMap<string, number> = new Map([
  ['1.2.840.10045.3.1.1', 192],
  ['1.3.132.0.33', 224],
  ['1.2.840.10045.3.1.7', 256],
  ['1.3.132.0.10', 256],
  ['1.3.132.0.34', 384],
  ['1.3.132.0.35', 521],
]);

function digestHex(algorithm: 'sha1' | 'sha256', data: Buffer): string {
  return createHash(algorithm).update(data).digest('hex').toUpperCase();
}

/** The bytes inside a BIT STRING (after its unused-bits octet). */
function readBitStringBytes(node: DerNode): Buffer {
  return readContent(node).subarray(1);
}

function readPublicKey(spki: DerNode, source: string): Pick<SigningCertificate, 'keyAlgorithm' | 'keySize'> {
  const [algorithm, key] = readDerChildren(spki, source);
  if (!algorithm || !key || key.tag !== TAG.bitString) return { keyAlgorithm: 'unknown', keySize: undefined };
  const [oidNode, parameters] = readDerChildren(algorithm, source);
  const oid = oidNode ? readOid(oidNode) : '';
  if (oid === RSA_OID) {
    const keyBytes = readBitStringBytes(key);
    const [modulus] = readDerChildren(readDer(keyBytes, 0, source), source);
    return { keyAlgorithm: 'RSA', keySize: modulus ? readIntegerBitLength(modulus) : undefined };
  }
  if (oid === EC_OID) {
    const curve = parameters?.tag === TAG.oid ? CURVE_BITS.get(readOid(parameters)) : undefined;
    if (curve !== undefined) return { keyAlgorithm: 'EC', keySize: curve };
    // Unknown or explicit curve: an uncompressed point is 04 || X || Y.
    const point = readBitStringBytes(key);
    return { keyAlgorithm: 'EC', keySize: point[0] === 4 ? ((point.length - 1) / 2) * 8 : undefined };
  }
  if (oid === DSA_OID) {
    const prime = parameters?.tag === TAG.sequence ? readDerChildren(parameters, source)[0] : undefined;
    return { keyAlgorithm: 'DSA', keySize: prime ? readIntegerBitLength(prime) : undefined };
  }
  return { keyAlgorithm: 'unknown', keySize: undefined };
}

/**
 * Reads an X.509 certificate (DER). Fingerprints hash the exact encoded bytes, as apksigner and
 * the stalkerware-indicators data do.
 */
export function parseCertificate(node: DerNode, source: string): ParsedCertificate {
  const encoded = readEncoded(node);
  const tbs = expectChild(readDerChildren(node, source), 0, TAG.sequence, source, 'tbsCertificate');
  const fields = readDerChildren(tbs, source);
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, …
  const first = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = expectChild(fields, first, TAG.integer, source, 'certificate serial number');
  const issuer = expectChild(fields, first + 2, TAG.sequence, source, 'certificate issuer');
  const subject = expectChild(fields, first + 4, TAG.sequence, source, 'certificate subject');
  const spki = expectChild(fields, first + 5, TAG.sequence, source, 'certificate public key');
  return {
    certificate: {
      sha1: digestHex('sha1', encoded),
      sha256: digestHex('sha256', encoded),
      subject: formatDistinguishedName(subject, source),
      ...readPublicKey(spki, source),
    },
    issuer: readEncoded(issuer),
    serial: readContent(serial),
  };
}

/** Reads a certificate held on its own, e.g. one entry of an APK Signature Scheme v2 signer. */
export function parseCertificateBytes(der: Buffer, source: string): ParsedCertificate {
  return parseCertificate(readDer(der, 0, source), source);
}
