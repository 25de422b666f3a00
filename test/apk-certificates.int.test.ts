import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentity } from '../harness/apk/index.ts';
import { buildUnsignedApk, manifestXml, signApk, type SigningKey } from './support/apk-builder.ts';
import { runApksignerVerify } from './support/apk-reference-tools.ts';

/**
 * Signing certificates that the fixtures and apk-agreement do not cover, read by harness/apk (its own
 * DER reader; docs/design.md says why) and by the real `apksigner`: a subject
 * OpenSSL refuses but Java accepts, attributes Java has no keyword for, a multi-valued name, DSA and
 * EC P-384 keys. Keys come from the real keytool. No device, no Appium, no ports.
 */

const PASSWORD = 'stalkerbench';

async function createKey(dir: string, name: string, keyArgs: string[], dname: string): Promise<SigningKey & { certificate: Buffer }> {
  const keystore = join(dir, `${name}.p12`);
  const store = ['-keystore', keystore, '-storetype', 'PKCS12', '-storepass', PASSWORD, '-alias', name];
  await execa('keytool', ['-genkeypair', ...store, ...keyArgs, '-validity', '3650', '-dname', dname], { timeout: 60_000 });
  const { stdout } = await execa('keytool', ['-exportcert', ...store], { timeout: 60_000, encoding: 'buffer' });
  return { keystore, alias: name, certificate: Buffer.from(stdout) };
}

describe('signing certificates agree with apksigner', () => {
  let dir = '';
  const built = new Map<string, { apk: string; certificate: Buffer }>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-apk-certificates-'));
    // minSdk 18 (ECDSA v1 signing needs 18) so that apksigner verifies (and prints) the v1 signature as well as v2/v3.
    const unsigned = await buildUnsignedApk(dir, 'certs', {
      manifest: manifestXml('org.stalkerbench.certs', '<uses-sdk android:minSdkVersion="18" android:targetSdkVersion="28"/>\n  <application android:label="Certs"/>'),
      strings: { '': { unused: 'x' } },
    });
    const keys = await Promise.all([
      createKey(
        dir,
        'odd',
        ['-keyalg', 'EC', '-groupname', 'secp256r1'],
        'CN=Odd + O=Multi, OID.2.5.4.15=Spy Business, OID.1.2.3.4=#0401ab, T=Boss, DC=example, C=DE',
      ),
      createKey(dir, 'dsa', ['-keyalg', 'DSA', '-keysize', '1024'], 'CN=DSA Demo, OU="Unit, Tests", O=Example'),
      createKey(dir, 'p384', ['-keyalg', 'EC', '-groupname', 'secp384r1'], 'CN=P-384 Demo, L=Zürich'),
    ]);
    for (const key of keys) {
      const apk = await signApk(unsigned, join(dir, `${key.alias}.apk`), key, { v1: true, v2: true, v3: true });
      built.set(key.alias, { apk, certificate: key.certificate });
    }
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function expectSignerAgreement(name: string): Promise<void> {
    const { apk } = built.get(name) ?? { apk: '' };
    const [identity, signer] = await Promise.all([readApkIdentity(apk), runApksignerVerify(apk)]);
    expect(signer?.verified).toEqual([1, 2, 3]);
    expect(identity.signing.schemes).toEqual([1, 2, 3]);
    expect(identity.signing.certificates).toEqual([
      {
        sha256: signer?.signer?.sha256.toUpperCase(),
        sha1: signer?.signer?.sha1.toUpperCase(),
        subject: signer?.signer?.dn,
        keyAlgorithm: signer?.signer?.keyAlgorithm,
        keySize: signer?.signer?.keySize,
      },
    ]);
  }

  it('a multi-valued name, OID-only attributes and a non-string value (which OpenSSL refuses)', async () => {
    await expectSignerAgreement('odd');
    const identity = await readApkIdentity(built.get('odd')?.apk ?? '');
    expect(identity.signing.certificates[0]?.subject).toBe('CN=Odd + O=Multi, OID.2.5.4.15=Spy Business, OID.1.2.3.4=#0401ab, T=Boss, DC=example, C=DE');
    // Why the reader does not use node:crypto's X509Certificate: it cannot read this certificate at all.
    expect(() => new X509Certificate(built.get('odd')?.certificate ?? Buffer.alloc(0))).toThrow();
  });

  it('a DSA 1024 key (SHA1withDSA, as old Android apps were signed) and a quoted name', async () => {
    await expectSignerAgreement('dsa');
  });

  it('an EC P-384 key and a non-ASCII name', async () => {
    await expectSignerAgreement('p384');
  });
});
