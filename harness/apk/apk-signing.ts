import { readSchemeSigners, readSigningBlock, SIGNATURE_SCHEME_V2_ID, SIGNATURE_SCHEME_V3_ID } from './apk-signing-block.ts';
import { readSignedDataCertificates } from './pkcs7-signed-data.ts';
import type { ApkSigning, SigningCertificate } from './types.ts';
import type { ParsedCertificate } from './x509-certificate.ts';
import { readZipEntry, type ZipArchive } from './zip-reader.ts';

/** JAR signature block files, as Android's JarVerifier finds them (upper-cased name, directly in META-INF/). */
const V1_BLOCK = /^META-INF\/[^/]+\.(RSA|EC|DSA)$/;

/**
 * Which signature schemes an APK carries and the certificates of its signers, read without
 * verifying anything: no digest is recomputed and no signature is checked, so a tampered APK
 * reports the certificates it claims. Use `apksigner verify` when validity matters; the harness
 * only needs identity (certificate fingerprints for stalkerware-indicators matching).
 *
 * Certificates are listed newest scheme first (v3, v2, then v1), because that is the signer that
 * Android and `apksigner` report as "Signer #1"; a key rotated in v3 keeps its old certificate later
 * in the list.
 */
export function readApkSigning(zip: ZipArchive): ApkSigning {
  const schemes: ApkSigning['schemes'] = [];
  const bySigner: ParsedCertificate[][] = [];

  const v1Blocks = zip.entries.filter((entry) => V1_BLOCK.test(entry.name.toUpperCase()));
  for (const entry of v1Blocks) {
    const certificates = readSignedDataCertificates(readZipEntry(zip, entry), `${zip.source}!${entry.name}`);
    for (const certificate of certificates) bySigner.push([certificate]);
  }
  if (v1Blocks.length > 0) schemes.push(1);

  const block = readSigningBlock(zip);
  const v2 = block?.get(SIGNATURE_SCHEME_V2_ID);
  const v3 = block?.get(SIGNATURE_SCHEME_V3_ID);
  if (v2) {
    schemes.push(2);
    bySigner.unshift(...readSchemeSigners(v2, `${zip.source} (APK Signature Scheme v2 block)`));
  }
  if (v3) {
    schemes.push(3);
    bySigner.unshift(...readSchemeSigners(v3, `${zip.source} (APK Signature Scheme v3 block)`));
  }

  const certificates: SigningCertificate[] = [];
  for (const signer of bySigner) {
    // Each signer's own certificate comes first; the rest of a chain is not a signer.
    const own = signer[0];
    if (own && !certificates.some((known) => known.sha256 === own.certificate.sha256)) certificates.push(own.certificate);
  }
  return { schemes, certificates };
}
