import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { buildAxml, type TestElement } from '../../test/support/apk-binary-xml-builder.ts';
import { parseAxml } from './axml-parser.ts';

const LONG = 'ж'.repeat(200);

const document: TestElement = {
  name: 'manifest',
  attributes: [
    { name: 'versionCode', resourceId: 0x0101021b, value: { type: 'int', value: 42 } },
    { name: 'package', android: false, value: { type: 'string', value: 'org.example.app' } },
  ],
  children: [
    {
      name: 'application',
      attributes: [
        { name: 'label', resourceId: 0x01010001, value: { type: 'reference', id: 0x7f020000 } },
        { name: 'debuggable', resourceId: 0x0101000f, value: { type: 'boolean', value: true } },
        { name: 'flags', value: { type: 'int', value: 0x30, hex: true } },
        { name: 'description', value: { type: 'string', value: LONG } },
      ],
      children: [{ name: 'activity', attributes: [{ name: 'name', resourceId: 0x01010003, value: { type: 'string', value: '.Main' } }] }],
    },
    { name: 'uses-permission' },
  ],
};

describe('parseAxml', () => {
  for (const utf8 of [false, true]) {
    it(`reads elements and typed attributes (${utf8 ? 'UTF-8' : 'UTF-16'} string pool)`, () => {
      const root = parseAxml(buildAxml(document, { utf8 }), 'x.apk!AndroidManifest.xml');
      expect(root.name).toBe('manifest');
      expect(root.children.map((child) => child.name)).toEqual(['application', 'uses-permission']);
      expect(root.attributes).toEqual([
        expect.objectContaining({ name: 'versionCode', resourceId: 0x0101021b, value: { type: 'int', value: 42, hex: false } }),
        expect.objectContaining({
          name: 'package',
          namespace: undefined,
          resourceId: undefined,
          rawValue: 'org.example.app',
          value: { type: 'string', value: 'org.example.app' },
        }),
      ]);
      const application = root.children[0];
      expect(application?.attributes.map((attribute) => attribute.value)).toEqual([
        { type: 'reference', id: 0x7f020000 },
        { type: 'boolean', value: true },
        { type: 'int', value: 0x30, hex: true },
        { type: 'string', value: LONG },
      ]);
      expect(application?.attributes[0]?.namespace).toBe('http://schemas.android.com/apk/res/android');
      expect(application?.children[0]?.attributes[0]?.value).toEqual({ type: 'string', value: '.Main' });
    });
  }

  it('rejects data that is not binary XML, naming the source', () => {
    try {
      parseAxml(Buffer.from('<?xml version="1.0"?><manifest/>'), 'plain.apk!AndroidManifest.xml');
      expect.unreachable();
    } catch (error) {
      expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
      expect((error as Error).message).toContain('plain.apk!AndroidManifest.xml');
    }
  });

  it('rejects truncated binary XML', () => {
    const whole = buildAxml(document);
    const cut = whole.subarray(0, whole.length - 40);
    expect(() => parseAxml(cut, 'cut.xml')).toThrow(/cut\.xml is malformed/);
  });

  it('rejects a string index outside the pool', () => {
    const whole = buildAxml({ name: 'manifest' });
    // The start-element chunk's name index is the last-but-one field before the end-element chunk.
    const start = whole.indexOf(Buffer.from([0x02, 0x01, 0x10, 0x00]));
    whole.writeUInt32LE(9999, start + 16 + 4);
    expect(() => parseAxml(whole, 'bad.xml')).toThrow(/no name/);
  });
});
