import { createMalformedError } from './apk-errors.ts';
import { expectChild, readContent, readDer, readDerChildren, readEncoded, readOid, TAG, type DerNode } from './der-reader.ts';
import { parseCertificate, type ParsedCertificate } from './x509-certificate.ts';

const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
/** [0] IMPLICIT certificates and [0] EXPLICIT content share this identifier octet. */
const CONTEXT_0 = 0xa0;

function isSignerCertificate(signerInfo: DerNode, certificate: ParsedCertificate, source: string): boolean {
  const sid = readDerChildren(signerInfo, source)[1];
  if (!sid || sid.tag !== TAG.sequence) return false;
  // issuerAndSerialNumber: SEQUENCE { issuer Name, serialNumber INTEGER }. A v3 subjectKeyIdentifier
  // ([0]) never appears in JAR signatures, which are all issuerAndSerialNumber.
  const [issuer, serial] = readDerChildren(sid, source);
  if (!issuer || !serial) return false;
  return readEncoded(issuer).equals(certificate.issuer) && readContent(serial).equals(certificate.serial);
}

/**
 * Reads the certificates of a JAR signature block (META-INF/*.RSA, *.EC, *.DSA: PKCS#7
 * SignedData). Returns the certificates that a SignerInfo names, in signer order; if none matches
 * (a hand-made block), the first certificate of the block. Signatures are not verified.
 */
export function readSignedDataCertificates(block: Buffer, source: string): ParsedCertificate[] {
  const contentInfo = readDer(block, 0, source);
  const [typeNode, explicitContent] = readDerChildren(contentInfo, source);
  if (!typeNode || typeNode.tag !== TAG.oid || readOid(typeNode) !== SIGNED_DATA_OID || explicitContent?.tag !== CONTEXT_0) {
    throw createMalformedError(source, 'not a PKCS#7 SignedData block');
  }
  const signedData = expectChild(readDerChildren(explicitContent, source), 0, TAG.sequence, source, 'SignedData');
  const fields = readDerChildren(signedData, source);
  // SignedData: version, digestAlgorithms, contentInfo, [0] certificates, [1] crls, signerInfos.
  const optional = fields.slice(3);
  const certificateSet = optional.find((node) => node.tag === CONTEXT_0);
  const certificates = (certificateSet ? readDerChildren(certificateSet, source) : [])
    .filter((node) => node.tag === TAG.sequence)
    .map((node) => parseCertificate(node, source));
  // signerInfos is the last field, after the optional [0] certificates and [1] crls.
  const signerInfoSet = optional.at(-1);
  const signerInfos = signerInfoSet?.tag === TAG.set ? readDerChildren(signerInfoSet, source) : [];

  const signers: ParsedCertificate[] = [];
  for (const signerInfo of signerInfos) {
    const match = certificates.find((certificate) => isSignerCertificate(signerInfo, certificate, source));
    if (match && !signers.includes(match)) signers.push(match);
  }
  return signers.length > 0 ? signers : certificates.slice(0, 1);
}
