import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * A small DER encoder and builders for certificates and PKCS#7 SignedData, so unit tests can make
 * the signing structures of an APK in memory and check the reader against node:crypto's own
 * X509Certificate.
 */

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const sequence = (...content: Buffer[]): Buffer => der(0x30, ...content);
export const set = (...content: Buffer[]): Buffer => der(0x31, ...content);
export const explicit = (tagNumber: number, ...content: Buffer[]): Buffer => der(0xa0 | tagNumber, ...content);
export const nullValue = (): Buffer => der(0x05);
export const utf8String = (text: string): Buffer => der(0x0c, Buffer.from(text, 'utf8'));
export const printableString = (text: string): Buffer => der(0x13, Buffer.from(text, 'latin1'));
export const ia5String = (text: string): Buffer => der(0x16, Buffer.from(text, 'latin1'));
export const bmpString = (text: string): Buffer => der(0x1e, Buffer.from(text, 'utf16le').swap16());
export const octetString = (bytes: Buffer): Buffer => der(0x04, bytes);

export function oid(text: string): Buffer {
  const [first = 0, second = 0, ...rest] = text.split('.').map(Number);
  const bytes: number[] = [first * 40 + second];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let value = Math.floor(part / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

export function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || (bytes[0] ?? 0) >= 0x80) bytes.unshift(0);
  return der(0x02, Buffer.from(bytes));
}

/** One attribute of a Name: [oid, encoded value]. */
export type NameAttribute = [string, Buffer];

/** A Name from relative names in encoding order; each inner array is one (possibly multi-valued) RDN. */
export function name(relativeNames: NameAttribute[][]): Buffer {
  return sequence(...relativeNames.map((rdn) => set(...rdn.map(([type, value]) => sequence(oid(type), value)))));
}

export interface TestCertificate {
  der: Buffer;
  subject: Buffer;
  serial: number;
  privateKey: KeyObject;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** A self-signed X.509 v3 certificate with a fresh RSA or EC (P-256/P-384) key. */
export function buildCertificate(options: {
  subject: NameAttribute[][];
  key: { type: 'rsa'; bits: number } | { type: 'ec'; curve: 'prime256v1' | 'secp384r1' };
  serial?: number;
}): TestCertificate {
  const { publicKey, privateKey } =
    options.key.type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: options.key.bits })
      : generateKeyPairSync('ec', { namedCurve: options.key.curve });
  const algorithm = options.key.type === 'rsa' ? sequence(oid(SHA256_WITH_RSA), nullValue()) : sequence(oid(ECDSA_WITH_SHA256));
  const subject = name(options.subject);
  const serial = options.serial ?? 4242;
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    algorithm,
    subject,
    sequence(der(0x17, Buffer.from('250101000000Z')), der(0x17, Buffer.from('350101000000Z'))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  return { der: sequence(tbs, algorithm, der(0x03, Buffer.from([0]), signature)), subject, serial, privateKey };
}

/**
 * A JAR signature block (PKCS#7 SignedData, detached) carrying `certificates` in the given order,
 * with one SignerInfo naming `signer`. The signature bytes are filler: readers must not verify.
 */
export function buildSignedData(certificates: readonly TestCertificate[], signer: TestCertificate): Buffer {
  const sha256 = sequence(oid('2.16.840.1.101.3.4.2.1'));
  const signerInfo = sequence(
    integer(1),
    sequence(signer.subject, integer(signer.serial)),
    sha256,
    sequence(oid('1.2.840.113549.1.1.1'), nullValue()),
    octetString(Buffer.alloc(32, 7)),
  );
  const signedData = sequence(
    integer(1),
    set(sha256),
    sequence(oid('1.2.840.113549.1.7.1')),
    der(0xa0, ...certificates.map((certificate) => certificate.der)),
    set(signerInfo),
  );
  return sequence(oid('1.2.840.113549.1.7.2'), explicit(0, signedData));
}
