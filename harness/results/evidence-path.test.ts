import { describe, expect, it } from 'vitest';
import { isSafeEvidencePath } from './evidence-path.ts';

// The rule in its plainest form, to check the single regex against.
function isSafeBySegments(path: string): boolean {
  if (!path.startsWith('evidence/')) return false;
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

describe('isSafeEvidencePath', () => {
  const accepted = ['evidence/a', 'evidence/c1/1/03-scan-results.png', 'evidence/a b/ü.xml', 'evidence/.hidden', 'evidence/a..b/...', 'evidence/..x/x..'];
  const rejected = [
    '', 'evidence', 'evidence/', 'evidence//a', 'evidence/a/', 'evidence/.', 'evidence/..', 'evidence/./a', 'evidence/../etc/passwd',
    'evidence/a/..', 'evidence/a/../../b', 'evidence/a\\b', 'evidence/a\u0000b', 'evidence/a\nb', 'evidence/a\u007fb',
    '/evidence/a', 'javascript:alert(1)', 'Evidence/a', './evidence/a',
  ];

  it('accepts plain relative paths below evidence/', () => {
    for (const path of accepted) expect(isSafeEvidencePath(path), path).toBe(true);
  });

  it('rejects escapes, empty or dot segments, backslashes and control characters', () => {
    for (const path of rejected) expect(isSafeEvidencePath(path), path).toBe(false);
  });

  it('agrees with the segment-by-segment rule on every combination of tricky pieces', () => {
    const pieces = ['a', '.', '..', '', '...', '.a', '\\', '\t', 'ü'];
    let checked = 0;
    for (const first of pieces) for (const second of pieces) for (const third of pieces) {
      for (const path of [`evidence/${first}/${second}/${third}`, `evidence/${first}${second}/${third}`, `evidence/${first}/${second}${third}/`]) {
        expect(isSafeEvidencePath(path), JSON.stringify(path)).toBe(isSafeBySegments(path));
        checked += 1;
      }
    }
    expect(checked).toBe(9 * 9 * 9 * 3);
  });
});
