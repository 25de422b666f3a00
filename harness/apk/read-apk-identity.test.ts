import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { buildAxml, buildResourceTable, type TestElement } from '../../test/support/apk-binary-xml-builder.ts';
import { buildCertificate, buildSignedData, utf8String } from '../../test/support/apk-der-builder.ts';
import { buildSchemeValue, buildSigningBlock, buildZip, type TestZipEntry } from '../../test/support/apk-zip-builder.ts';
import { readApkEntry, readApkEntryFromBuffer, readApkIdentity, readApkIdentityFromBuffer, readApkSigningFromBuffer } from './index.ts';

const manifest: TestElement = {
  name: 'manifest',
  attributes: [
    { name: 'package', android: false, value: { type: 'string', value: 'org.example.memory' } },
    { name: 'versionCode', resourceId: 0x0101021b, value: { type: 'int', value: 3 } },
  ],
  children: [{ name: 'application', attributes: [{ name: 'label', resourceId: 0x01010001, value: { type: 'reference', id: 0x7f010000 } }] }],
};

const oldKey = buildCertificate({ subject: [[['2.5.4.3', utf8String('Old key')]]], key: { type: 'rsa', bits: 1024 }, serial: 1 });
const newKey = buildCertificate({ subject: [[['2.5.4.3', utf8String('New key')]]], key: { type: 'ec', curve: 'prime256v1' }, serial: 2 });

function entries(extra: TestZipEntry[] = []): TestZipEntry[] {
  return [
    { name: 'AndroidManifest.xml', data: buildAxml(manifest) },
    { name: 'resources.arsc', data: buildResourceTable(0x7f, [{ id: 1, configs: [{ entries: [{ type: 'string', value: 'In Memory' }] }] }]), method: 0 },
    { name: 'assets/behaviour.yaml', data: 'app: {}\n' },
    { name: 'assets/', data: '' },
    ...extra,
  ];
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('readApkIdentityFromBuffer', () => {
  it('reads an APK signed with v1, v2 and a rotated v3 key, listing the v3 signer first', () => {
    const block = buildSigningBlock([
      { id: 0x7109871a, value: buildSchemeValue([[oldKey.der]]) },
      { id: 0x42726577, value: Buffer.alloc(100) }, // verity padding, ignored
      { id: 0xf05368c0, value: buildSchemeValue([[newKey.der, oldKey.der]], { v3: true }) },
    ]);
    const apk = buildZip(entries([{ name: 'META-INF/CERT.RSA', data: buildSignedData([oldKey], oldKey) }]), { beforeCentralDirectory: block });
    const identity = readApkIdentityFromBuffer(apk, 'memory.apk');
    expect(identity).toMatchObject({
      path: 'memory.apk',
      size: apk.length,
      packageName: 'org.example.memory',
      versionCode: 3,
      label: 'In Memory',
      assets: ['behaviour.yaml'],
    });
    expect(identity.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(identity.signing.schemes).toEqual([1, 2, 3]);
    expect(identity.signing.certificates.map((certificate) => [certificate.subject, certificate.keyAlgorithm, certificate.keySize])).toEqual([
      ['CN=New key', 'EC', 256],
      ['CN=Old key', 'RSA', 1024],
    ]);
  });

  it('readApkSigningFromBuffer gives the same signing as the full identity, and the same APK_INVALID', () => {
    const block = buildSigningBlock([{ id: 0xf05368c0, value: buildSchemeValue([[newKey.der, oldKey.der]], { v3: true }) }]);
    const apk = buildZip(entries([{ name: 'META-INF/CERT.RSA', data: buildSignedData([oldKey], oldKey) }]), { beforeCentralDirectory: block });
    expect(readApkSigningFromBuffer(apk, 'memory.apk')).toEqual(readApkIdentityFromBuffer(apk, 'memory.apk').signing);
    expect(readApkSigningFromBuffer(apk, 'memory.apk').certificates).toHaveLength(2);
    const damaged = buildSigningBlock([{ id: 0x7109871a, value: Buffer.from([0xff, 0xff, 0xff, 0x7f]) }]);
    const error = captureError(() => readApkSigningFromBuffer(buildZip(entries(), { beforeCentralDirectory: damaged }), 'sig.apk'));
    expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
  });

  it('reports an unsigned APK as having no schemes and no certificates', () => {
    expect(readApkIdentityFromBuffer(buildZip(entries()), 'u.apk').signing).toEqual({ schemes: [], certificates: [] });
  });

  it('fails with APK_NO_MANIFEST for a ZIP without AndroidManifest.xml', () => {
    const error = captureError(() => readApkIdentityFromBuffer(buildZip([{ name: 'readme.txt', data: 'hi' }]), 'plain.zip'));
    expect(isHarnessError(error, 'APK_NO_MANIFEST')).toBe(true);
    expect((error as Error).message).toContain('plain.zip');
  });

  it('fails with APK_INVALID for a damaged signing block', () => {
    const block = buildSigningBlock([{ id: 0x7109871a, value: Buffer.from([0xff, 0xff, 0xff, 0x7f]) }]);
    const error = captureError(() => readApkIdentityFromBuffer(buildZip(entries(), { beforeCentralDirectory: block }), 'sig.apk'));
    expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
    expect((error as Error).message).toContain('sig.apk');
  });
});

describe('readApkEntry', () => {
  it('reads an entry from bytes, and undefined for a missing one', async () => {
    const apk = buildZip(entries());
    expect((await readApkEntry(apk, 'assets/behaviour.yaml'))?.toString()).toBe('app: {}\n');
    expect(await readApkEntry(apk, 'assets/missing.yaml')).toBeUndefined();
    expect(readApkEntryFromBuffer(apk, 'assets/behaviour.yaml', 'pushed.apk')?.toString()).toBe('app: {}\n');
  });

  it('names the given label when the bytes are not an APK', () => {
    expect(() => readApkEntryFromBuffer(Buffer.from('nope'), 'x', '/data/local/tmp/pushed.apk')).toThrow(/\/data\/local\/tmp\/pushed\.apk is not an APK/);
  });

  it('fails with FILE_NOT_FOUND for a missing file', async () => {
    await expect(readApkEntry('/nonexistent/dir/app.apk', 'AndroidManifest.xml')).rejects.toSatisfy((error) => isHarnessError(error, 'FILE_NOT_FOUND'));
    await expect(readApkIdentity('/nonexistent/dir/app.apk')).rejects.toSatisfy((error) => isHarnessError(error, 'FILE_NOT_FOUND'));
  });
});
