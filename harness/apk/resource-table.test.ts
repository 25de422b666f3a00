import { describe, expect, it } from 'vitest';
import { buildResourceTable } from '../../test/support/apk-binary-xml-builder.ts';
import { parseResourceTable, resolveReference } from './resource-table.ts';

describe('parseResourceTable', () => {
  const table = parseResourceTable(
    buildResourceTable(0x7f, [
      {
        id: 1,
        configs: [
          { language: 'fr', entries: [{ type: 'string', value: 'Bonjour' }, { type: 'string', value: 'seulement fr' }] },
          { entries: [{ type: 'string', value: 'Hello' }, undefined, { type: 'reference', id: 0x7f010000 }] },
        ],
      },
      { id: 2, configs: [{ entries: [{ type: 'int', value: 17 }, { type: 'boolean', value: true }] }] },
    ]),
    'r.apk!resources.arsc',
  );

  it('prefers the configuration without qualifiers, even when it comes second', () => {
    expect(table.lookup(0x7f010000)).toEqual({ type: 'string', value: 'Hello' });
  });

  it('falls back to the first configuration that defines the entry', () => {
    expect(table.lookup(0x7f010001)).toEqual({ type: 'string', value: 'seulement fr' });
  });

  it('returns other value types', () => {
    expect(table.lookup(0x7f020000)).toEqual({ type: 'int', value: 17, hex: false });
    expect(table.lookup(0x7f020001)).toEqual({ type: 'boolean', value: true });
  });

  it('knows nothing of other packages, types or entries', () => {
    expect(table.lookup(0x01040000)).toBeUndefined();
    expect(table.lookup(0x7f030000)).toBeUndefined();
    expect(table.lookup(0x7f010009)).toBeUndefined();
  });

  it('follows references to their value and stops at what it cannot resolve', () => {
    expect(resolveReference({ type: 'reference', id: 0x7f010002 }, table)).toEqual({ type: 'string', value: 'Hello' });
    expect(resolveReference({ type: 'reference', id: 0x01040001 }, table)).toEqual({ type: 'reference', id: 0x01040001 });
    expect(resolveReference({ type: 'reference', id: 0x7f010000 }, undefined)).toEqual({ type: 'reference', id: 0x7f010000 });
  });

  it('reads a UTF-8 value pool', () => {
    const utf8 = parseResourceTable(buildResourceTable(0x7f, [{ id: 1, configs: [{ entries: [{ type: 'string', value: 'Grüße 🙂' }] }] }], { utf8: true }), 'u.arsc');
    expect(utf8.lookup(0x7f010000)).toEqual({ type: 'string', value: 'Grüße 🙂' });
  });

  for (const encoding of ['offset16', 'sparse'] as const) {
    it(`reads ${encoding} entry indexes (aapt2 for newer SDKs)`, () => {
      const entries = [{ type: 'string' as const, value: 'zero' }, undefined, undefined, { type: 'string' as const, value: 'three' }];
      const compact = parseResourceTable(buildResourceTable(0x7f, [{ id: 1, configs: [{ entries, encoding }] }]), 'c.arsc');
      expect(compact.lookup(0x7f010000)).toEqual({ type: 'string', value: 'zero' });
      expect(compact.lookup(0x7f010003)).toEqual({ type: 'string', value: 'three' });
      expect(compact.lookup(0x7f010001)).toBeUndefined();
      expect(compact.lookup(0x7f010004)).toBeUndefined();
    });
  }

  it('rejects data that is not a resource table', () => {
    expect(() => parseResourceTable(Buffer.alloc(64, 1), 'junk.apk!resources.arsc')).toThrow(/junk\.apk!resources\.arsc is malformed/);
  });
});
