import { describe, expect, it } from 'vitest';
import { parseGetprop } from './parse-getprop.ts';

describe('parseGetprop', () => {
  it('reads keys and values, including empty and multi-line values', () => {
    const props = parseGetprop('[ro.build.version.sdk]: [33]\n[sys.boot_completed]: [1]\n[persist.empty]: []\n[ro.multi]: [line one\nline two]\n');
    expect(props.get('ro.build.version.sdk')).toBe('33');
    expect(props.get('sys.boot_completed')).toBe('1');
    expect(props.get('persist.empty')).toBe('');
    expect(props.get('ro.multi')).toBe('line one\nline two');
    expect(props.size).toBe(4);
  });
});
