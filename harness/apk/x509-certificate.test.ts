import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bmpString, buildCertificate, ia5String, name, printableString, utf8String } from '../../test/support/apk-der-builder.ts';
import { readDer } from './der-reader.ts';
import { formatDistinguishedName } from './distinguished-name.ts';
import { parseCertificateBytes } from './x509-certificate.ts';

const CN = '2.5.4.3';
const O = '2.5.4.10';
const OU = '2.5.4.11';
const C = '2.5.4.6';
const ST = '2.5.4.8';
const EMAIL = '1.2.840.113549.1.9.1';

function formatName(encoded: Buffer): string {
  return formatDistinguishedName(readDer(encoded, 0, 'test'), 'test');
}

describe('parseCertificateBytes', () => {
  it('matches node:crypto for an RSA certificate', () => {
    const built = buildCertificate({ subject: [[[C, printableString('US')]], [[O, utf8String('Example')]], [[CN, utf8String('Demo')]]], key: { type: 'rsa', bits: 2048 } });
    const reference = new X509Certificate(built.der);
    const { certificate } = parseCertificateBytes(built.der, 'rsa');
    expect(certificate.sha1).toBe(reference.fingerprint.replaceAll(':', ''));
    expect(certificate.sha256).toBe(reference.fingerprint256.replaceAll(':', ''));
    expect(certificate.keyAlgorithm).toBe('RSA');
    expect(certificate.keySize).toBe(reference.publicKey.asymmetricKeyDetails?.modulusLength);
    expect(certificate.subject).toBe('CN=Demo, O=Example, C=US');
  });

  it('reports EC curves by field size', () => {
    for (const [curve, bits] of [['prime256v1', 256], ['secp384r1', 384]] as const) {
      const built = buildCertificate({ subject: [[[CN, utf8String('EC')]]], key: { type: 'ec', curve } });
      expect(parseCertificateBytes(built.der, curve).certificate).toMatchObject({ keyAlgorithm: 'EC', keySize: bits });
    }
  });

  it('rejects bytes that are not DER', () => {
    expect(() => parseCertificateBytes(Buffer.from([0x30, 0x82, 0xff]), 'junk.cert')).toThrow(/junk\.cert is malformed/);
  });
});

// Expected strings checked against Java 17's X500Principal#toString, which apksigner prints.
describe('formatDistinguishedName (as apksigner prints it)', () => {
  it('prints relative names last to first with Java keywords', () => {
    const encoded = name([[[C, printableString('US')]], [[ST, utf8String('California')]], [[OU, utf8String('Android')]], [[EMAIL, ia5String('a@b.org')]]]);
    expect(formatName(encoded)).toBe('EMAILADDRESS=a@b.org, OU=Android, ST=California, C=US');
  });

  it('quotes values with specials, doubled or edge spaces, and escapes quotes and backslashes', () => {
    expect(formatName(name([[[CN, utf8String('Unit, Tests')]]]))).toBe('CN="Unit, Tests"');
    expect(formatName(name([[[CN, utf8String('Two  spaces')]]]))).toBe('CN="Two  spaces"');
    expect(formatName(name([[[CN, utf8String(' lead')]]]))).toBe('CN=" lead"');
    expect(formatName(name([[[CN, utf8String('say "hi"')]]]))).toBe('CN="say \\"hi\\""');
    expect(formatName(name([[[CN, utf8String('a\\b')]]]))).toBe('CN="a\\\\b"');
    expect(formatName(name([[[CN, utf8String('Zürich 🙂')]]]))).toBe('CN=Zürich 🙂');
  });

  it('joins multi-valued names with " + ", decodes BMPString, hex-dumps unknown value types', () => {
    expect(formatName(name([[[CN, bmpString('Ünï')], [O, utf8String('X')]]]))).toBe('CN=Ünï + O=X');
    expect(formatName(name([[['1.2.3.4', Buffer.from([0x04, 0x01, 0xab])]]]))).toBe('OID.1.2.3.4=#0401ab');
  });
});
