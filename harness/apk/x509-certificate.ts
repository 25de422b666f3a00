import { createHash, createPublicKey, type AsymmetricKeyDetails } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, type Name } from '@peculiar/asn1-x509';
import { createMalformedError } from './apk-errors.ts';
import { formatDistinguishedName } from './distinguished-name.ts';
import type { SigningCertificate } from './types.ts';

/** A certificate plus what PKCS#7 needs to tell which certificate signed. */
export interface ParsedCertificate {
  certificate: SigningCertificate;
  /** Issuer and serial number, compared with a SignerInfo's issuerAndSerialNumber. */
  issuer: Name;
  /** Content octets of the serial number INTEGER. */
  serial: Buffer;
}

const KEY_ALGORITHMS: ReadonlyMap<string, SigningCertificate['keyAlgorithm']> = new Map([
  ['1.2.840.113549.1.1.1', 'RSA'],
  ['1.2.840.10045.2.1', 'EC'],
  ['1.2.840.10040.4.1', 'DSA'],
]);

/** Named curves (OpenSSL's names, as node:crypto reports them) → the key size apksigner prints: the order's bit length. */
const CURVE_BITS: ReadonlyMap<string, number> = new Map([
  ['prime192v1', 192],
  ['secp224r1', 224],
  ['prime256v1', 256],
  ['secp256k1', 256],
  ['secp384r1', 384],
  ['secp521r1', 521],
]);

function digestHex(algorithm: 'sha1' | 'sha256', data: Buffer): string {
  return createHash(algorithm).update(data).digest('hex').toUpperCase();
}

/** Key algorithm from the SubjectPublicKeyInfo's OID, size from node:crypto's view of the key. */
function readPublicKey(parsed: Certificate): Pick<SigningCertificate, 'keyAlgorithm' | 'keySize'> {
  const spki = parsed.tbsCertificate.subjectPublicKeyInfo;
  const keyAlgorithm = KEY_ALGORITHMS.get(spki.algorithm.algorithm) ?? 'unknown';
  if (keyAlgorithm === 'unknown') return { keyAlgorithm, keySize: undefined };
  let details: AsymmetricKeyDetails | undefined;
  try {
    details = createPublicKey({ key: Buffer.from(AsnConvert.serialize(spki)), format: 'der', type: 'spki' }).asymmetricKeyDetails;
  } catch {
    // A key OpenSSL cannot load (explicit EC parameters, damaged bytes): the algorithm is still known.
    details = undefined;
  }
  if (keyAlgorithm === 'EC') {
    const named = details?.namedCurve === undefined ? undefined : CURVE_BITS.get(details.namedCurve);
    if (named !== undefined) return { keyAlgorithm, keySize: named };
    // Other curves: an uncompressed point is 04 || X || Y.
    const point = Buffer.from(spki.subjectPublicKey);
    return { keyAlgorithm, keySize: point[0] === 4 && point.length > 1 ? ((point.length - 1) / 2) * 8 : undefined };
  }
  // RSA: bits of the modulus; DSA: bits of the prime p, which node:crypto also calls modulusLength.
  return { keyAlgorithm, keySize: details?.modulusLength };
}

/**
 * Reads an X.509 certificate (DER, or BER as some old signers wrote it).
 *
 * The structure comes from @peculiar/asn1-x509, hashes and key details from node:crypto. Not from
 * node:crypto's X509Certificate, which differs from apksigner in two ways (both tested in
 * x509-certificate.test.ts and test/apk-certificates.int.test.ts):
 * - OpenSSL refuses a whole certificate whose name holds a value that is not a string (e.g.
 *   `OID.1.2.3.4=#0401ab`, an OCTET STRING), which Java, apksigner and Android accept: a signer could
 *   hide its identity from us that way.
 * - Its fingerprints hash OpenSSL's re-encoding; apksigner and the stalkerware-indicators data hash the
 *   bytes as stored in the APK (apksig keeps them: GuaranteedEncodedFormX509Certificate), which differ
 *   for a certificate that is not strict DER.
 */
export function parseCertificateBytes(bytes: Buffer, source: string): ParsedCertificate {
  let parsed: Certificate;
  try {
    parsed = AsnConvert.parse(bytes, Certificate);
  } catch (error) {
    throw createMalformedError(source, `a certificate does not parse (${error instanceof Error ? error.message : String(error)})`, error);
  }
  return {
    certificate: {
      sha1: digestHex('sha1', bytes),
      sha256: digestHex('sha256', bytes),
      subject: formatDistinguishedName(parsed.tbsCertificate.subject),
      ...readPublicKey(parsed),
    },
    issuer: parsed.tbsCertificate.issuer,
    serial: Buffer.from(parsed.tbsCertificate.serialNumber),
  };
}
