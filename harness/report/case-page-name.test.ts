import { describe, expect, it } from 'vitest';
import { casePageName, casePagePath } from './case-page-name.ts';

describe('casePageName', () => {
  it('keeps the ids the harness plans as they are', () => {
    expect(casePageName('acme__flexispy__on-demand__pixel-api33__r1')).toBe('acme__flexispy__on-demand__pixel-api33__r1.html');
    expect(casePagePath('acme.flexispy.on-demand.api34.r1')).toBe('cases/acme.flexispy.on-demand.api34.r1.html');
  });

  it('turns any other id into a safe name that stays inside cases/ and apart from every other id', () => {
    const hostile = ['../../index', '/etc/passwd', 'a/b', 'A.B', 'a.b?x#y', '<script>alert(1)</script>', 'con', 'nul.x', 'x.', '.hidden', 'Spy\u202ekpa', 'é', 'x'.repeat(200), '-', '_x'];
    const names = hostile.map(casePageName);
    for (const name of names) {
      expect(name).toMatch(/^_[a-z0-9-]{0,40}\.[0-9a-f]{16}\.html$/);
      expect(encodeURIComponent(name)).toBe(name);
    }
    expect(new Set(names).size).toBe(hostile.length);
    // Case differs, name differs (case-insensitive file systems): upper case is always hashed.
    expect(casePageName('A.B')).not.toBe(casePageName('a.b'));
    expect(casePageName('a.b')).toBe('a.b.html');
  });

  it('is the same for the same id', () => {
    expect(casePageName('../x')).toBe(casePageName('../x'));
  });
});
