import { ContentInfo, id_signedData, SignedData } from '@peculiar/asn1-cms';
import { AsnArray, AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { createMalformedError } from './apk-errors.ts';
import { parseCertificateBytes, type ParsedCertificate } from './x509-certificate.ts';

/**
 * SignedData with each certificate kept as its encoded bytes (asn1-schema's ANY) rather than parsed:
 * fingerprints hash the bytes as stored, and asn1-schema would re-encode a parsed certificate.
 * Only the `certificates` field differs from @peculiar/asn1-cms's SignedData.
 */
class EncodedCertificateSet extends AsnArray<ArrayBuffer> {}
AsnType({ type: AsnTypeTypes.Set, itemType: AsnPropTypes.Any })(EncodedCertificateSet);

class SignedDataWithEncodedCertificates extends SignedData {}
AsnProp({ type: EncodedCertificateSet, context: 0, implicit: true, optional: true })(SignedDataWithEncodedCertificates.prototype, 'certificates');

function parseSignedData(block: Buffer, source: string): { certificates: ArrayBuffer[]; signedData: SignedData } {
  try {
    const contentInfo = AsnConvert.parse(block, ContentInfo);
    if (contentInfo.contentType !== id_signedData) throw new Error(`content type ${contentInfo.contentType}`);
    const signedData = AsnConvert.parse(contentInfo.content, SignedDataWithEncodedCertificates);
    // Typed as asn1-cms declares it; the schema above filled it with encoded certificates.
    const certificates: unknown[] = signedData.certificates ?? [];
    return { certificates: certificates.filter((item) => item instanceof ArrayBuffer), signedData };
  } catch (error) {
    throw createMalformedError(source, `not a PKCS#7 SignedData block (${error instanceof Error ? error.message : String(error)})`, error);
  }
}

function encodeName(name: ParsedCertificate['issuer']): Buffer {
  return Buffer.from(AsnConvert.serialize(name));
}

/**
 * Reads the certificates of a JAR signature block (META-INF/*.RSA, *.EC, *.DSA: PKCS#7
 * SignedData). Returns the certificates that a SignerInfo names, in signer order; if none matches
 * (a hand-made block), the first certificate of the block. Signatures are not verified.
 */
export function readSignedDataCertificates(block: Buffer, source: string): ParsedCertificate[] {
  const { certificates: encoded, signedData } = parseSignedData(block, source);
  const certificates = encoded.map((bytes) => parseCertificateBytes(Buffer.from(bytes), source));
  const signers: ParsedCertificate[] = [];
  for (const signerInfo of signedData.signerInfos) {
    // JAR signatures name their signer by issuerAndSerialNumber; a v3 subjectKeyIdentifier never appears.
    const sid = signerInfo.sid.issuerAndSerialNumber;
    if (!sid) continue;
    const issuer = encodeName(sid.issuer);
    const serial = Buffer.from(sid.serialNumber);
    const match = certificates.find((certificate) => certificate.serial.equals(serial) && encodeName(certificate.issuer).equals(issuer));
    if (match && !signers.includes(match)) signers.push(match);
  }
  return signers.length > 0 ? signers : certificates.slice(0, 1);
}
