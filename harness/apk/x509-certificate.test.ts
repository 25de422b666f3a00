import { createHash, X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Name } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { bmpString, buildCertificate, der, ia5String, name, printableString, utf8String } from '../../test/support/apk-der-builder.ts';
import { formatDistinguishedName } from './distinguished-name.ts';
import { parseCertificateBytes } from './x509-certificate.ts';

const CN = '2.5.4.3';
const O = '2.5.4.10';
const OU = '2.5.4.11';
const C = '2.5.4.6';
const ST = '2.5.4.8';
const EMAIL = '1.2.840.113549.1.9.1';

function formatName(encoded: Buffer): string {
  return formatDistinguishedName(AsnConvert.parse(encoded, Name));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').toUpperCase();
}

/** The same certificate with its outer length in a 4-byte long form: valid BER, not DER. */
function withLongFormLength(certificate: Buffer): Buffer {
  const lengthBytes = (certificate[1] ?? 0) & 0x80 ? 1 + ((certificate[1] ?? 0) & 0x7f) : 1;
  const body = certificate.subarray(1 + lengthBytes);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([Buffer.from([0x30, 0x84]), length, body]);
}

describe('parseCertificateBytes', () => {
  it('matches node:crypto for an RSA certificate', () => {
    const built = buildCertificate({ subject: [[[C, printableString('US')]], [[O, utf8String('Example')]], [[CN, utf8String('Demo')]]], key: { type: 'rsa', bits: 2048 } });
    const reference = new X509Certificate(built.der);
    const { certificate, serial } = parseCertificateBytes(built.der, 'rsa');
    expect(certificate.sha1).toBe(reference.fingerprint.replaceAll(':', ''));
    expect(certificate.sha256).toBe(reference.fingerprint256.replaceAll(':', ''));
    expect(certificate.keyAlgorithm).toBe('RSA');
    expect(certificate.keySize).toBe(reference.publicKey.asymmetricKeyDetails?.modulusLength);
    expect(certificate.subject).toBe('CN=Demo, O=Example, C=US');
    expect(serial.toString('hex').toUpperCase().replace(/^0+/, '')).toBe(reference.serialNumber);
  });

  it('reports EC curves by field size', () => {
    for (const [curve, bits] of [['prime256v1', 256], ['secp384r1', 384]] as const) {
      const built = buildCertificate({ subject: [[[CN, utf8String('EC')]]], key: { type: 'ec', curve } });
      expect(parseCertificateBytes(built.der, curve).certificate).toMatchObject({ keyAlgorithm: 'EC', keySize: bits });
    }
  });

  // Why not X509Certificate's fingerprints: they hash OpenSSL's DER re-encoding, not the stored bytes.
  it('hashes the bytes as stored, also when they are BER rather than DER', () => {
    const built = buildCertificate({ subject: [[[CN, utf8String('Long form')]]], key: { type: 'ec', curve: 'prime256v1' } });
    const ber = withLongFormLength(built.der);
    expect(parseCertificateBytes(ber, 'ber').certificate).toMatchObject({ sha256: sha256(ber), subject: 'CN=Long form' });
    expect(new X509Certificate(ber).fingerprint256.replaceAll(':', '')).toBe(sha256(built.der));
  });

  // Why not X509Certificate at all: OpenSSL refuses a name value that is not a string; Java accepts it.
  it('reads a certificate whose name holds a non-string value, which OpenSSL refuses', () => {
    const built = buildCertificate({ subject: [[['1.2.3.4', der(0x04, Buffer.from([0xab]))]], [[CN, utf8String('Odd')]]], key: { type: 'ec', curve: 'prime256v1' } });
    expect(parseCertificateBytes(built.der, 'odd').certificate.subject).toBe('CN=Odd, OID.1.2.3.4=#0401ab');
    expect(() => new X509Certificate(built.der)).toThrow();
  });

  it('rejects bytes that are not a certificate with APK_INVALID', () => {
    for (const bytes of [Buffer.from([0x30, 0x82, 0xff]), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]), Buffer.alloc(0)]) {
      let error: unknown;
      try {
        parseCertificateBytes(bytes, 'junk.cert');
      } catch (caught) {
        error = caught;
      }
      expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
    }
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

  it('joins multi-valued names with " + ", decodes BMPString and TeletexString, hex-dumps other value types', () => {
    expect(formatName(name([[[CN, bmpString('Ünï')], [O, utf8String('X')]]]))).toBe('CN=Ünï + O=X');
    expect(formatName(name([[[CN, der(0x14, Buffer.from([0x41, 0xe9]))]]]))).toBe('CN=Aé');
    expect(formatName(name([[['1.2.3.4', Buffer.from([0x04, 0x01, 0xab])]]]))).toBe('OID.1.2.3.4=#0401ab');
  });

  it('prints attributes Java has no keyword for by OID, where OpenSSL would print its own name', () => {
    expect(formatName(name([[['2.5.4.15', utf8String('Spy Business')]]]))).toBe('OID.2.5.4.15=Spy Business');
  });
});
