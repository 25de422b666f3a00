import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { buildAxml, buildResourceTable, type TestElement } from '../../test/support/apk-binary-xml-builder.ts';
import { buildCertificate, buildSignedData, utf8String } from '../../test/support/apk-der-builder.ts';
import { buildSchemeValue, buildSigningBlock, buildZip } from '../../test/support/apk-zip-builder.ts';
import { readApkIdentityFromBuffer } from './read-apk-identity.ts';

/**
 * Samples are hostile files. Whatever bytes are damaged, reading an APK must end in a result or a
 * HarnessError (APK_INVALID / APK_NO_MANIFEST), never in a RangeError, TypeError or a hang.
 * Mutations are deterministic (seeded) so that a failure reproduces.
 */

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

const manifest: TestElement = {
  name: 'manifest',
  attributes: [
    { name: 'package', android: false, value: { type: 'string', value: 'org.example.fuzz' } },
    { name: 'versionName', resourceId: 0x0101021c, value: { type: 'reference', id: 0x7f010001 } },
  ],
  children: [
    {
      name: 'application',
      attributes: [{ name: 'label', resourceId: 0x01010001, value: { type: 'reference', id: 0x7f010000 } }],
      children: [
        {
          name: 'service',
          attributes: [
            { name: 'name', resourceId: 0x01010003, value: { type: 'string', value: '.S' } },
            { name: 'permission', resourceId: 0x01010006, value: { type: 'string', value: 'android.permission.BIND_ACCESSIBILITY_SERVICE' } },
          ],
        },
      ],
    },
  ],
};

const certificate = buildCertificate({ subject: [[['2.5.4.3', utf8String('Fuzz')]]], key: { type: 'ec', curve: 'prime256v1' } });
// Everything stored (not deflated) so that mutations reach the parsers rather than zlib.
const apk = buildZip(
  [
    { name: 'AndroidManifest.xml', data: buildAxml(manifest), method: 0 },
    {
      name: 'resources.arsc',
      data: buildResourceTable(0x7f, [{ id: 1, configs: [{ entries: [{ type: 'string', value: 'Fuzz' }, { type: 'string', value: '1.0' }], encoding: 'sparse' }] }]),
      method: 0,
    },
    { name: 'META-INF/CERT.EC', data: buildSignedData([certificate], certificate), method: 0 },
  ],
  { beforeCentralDirectory: buildSigningBlock([{ id: 0x7109871a, value: buildSchemeValue([[certificate.der]]) }]) },
);

function expectResultOrHarnessError(bytes: Buffer, description: string): 'read' | 'rejected' {
  try {
    readApkIdentityFromBuffer(bytes, 'fuzz.apk');
    return 'read';
  } catch (error) {
    if (!isHarnessError(error, 'APK_INVALID') && !isHarnessError(error, 'APK_NO_MANIFEST')) {
      throw new Error(`${description}: ${error instanceof Error ? error.stack : String(error)}`);
    }
    return 'rejected';
  }
}

describe('damaged APKs', () => {
  it('the undamaged APK reads', () => {
    expect(readApkIdentityFromBuffer(apk, 'fuzz.apk')).toMatchObject({ label: 'Fuzz', versionName: '1.0', signing: { schemes: [1, 2] } });
  });

  it('every truncation is rejected with a HarnessError', () => {
    for (let length = 0; length < apk.length; length += 7) {
      expect(expectResultOrHarnessError(apk.subarray(0, length), `truncated to ${length}`)).toBe('rejected');
    }
  });

  it('random byte damage ends in a result or a HarnessError', () => {
    const random = createRandom(0x5eed);
    const outcomes = { read: 0, rejected: 0 };
    for (let round = 0; round < 3000; round++) {
      const damaged = Buffer.from(apk);
      const count = 1 + Math.floor(random() * 4);
      for (let index = 0; index < count; index++) {
        const at = Math.floor(random() * damaged.length);
        // Mostly boundary values: they are what overflows offsets and lengths.
        const choices = [0x00, 0xff, 0x7f, 0x80, Math.floor(random() * 256)];
        damaged[at] = choices[Math.floor(random() * choices.length)] ?? 0;
      }
      outcomes[expectResultOrHarnessError(damaged, `round ${round}`)]++;
    }
    // Both kinds occur, or the damage did not reach the parsers.
    expect(outcomes.read).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });
});
