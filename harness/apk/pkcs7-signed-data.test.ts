import { describe, expect, it } from 'vitest';
import { buildCertificate, buildSignedData, utf8String } from '../../test/support/apk-der-builder.ts';
import { readSignedDataCertificates } from './pkcs7-signed-data.ts';

describe('readSignedDataCertificates', () => {
  const ca = buildCertificate({ subject: [[['2.5.4.3', utf8String('Chain CA')]]], key: { type: 'ec', curve: 'prime256v1' }, serial: 1 });
  const signer = buildCertificate({ subject: [[['2.5.4.3', utf8String('Signer')]]], key: { type: 'ec', curve: 'prime256v1' }, serial: 77 });

  it('returns the certificate a SignerInfo names, wherever it sits in the block', () => {
    const certificates = readSignedDataCertificates(buildSignedData([ca, signer], signer), 'META-INF/CERT.RSA');
    expect(certificates.map((certificate) => certificate.certificate.subject)).toEqual(['CN=Signer']);
  });

  it('falls back to the first certificate when no SignerInfo matches', () => {
    const stranger = buildCertificate({ subject: [[['2.5.4.3', utf8String('Nobody')]]], key: { type: 'ec', curve: 'prime256v1' }, serial: 5 });
    const certificates = readSignedDataCertificates(buildSignedData([ca, signer], stranger), 'META-INF/CERT.RSA');
    expect(certificates.map((certificate) => certificate.certificate.subject)).toEqual(['CN=Chain CA']);
  });

  it('rejects a block that is not SignedData', () => {
    expect(() => readSignedDataCertificates(ca.der, 'x.apk!META-INF/CERT.RSA')).toThrow(/x\.apk!META-INF\/CERT\.RSA is malformed/);
  });
});
