import { describe, expect, it } from 'vitest';
import { quoteShellArg } from './run-adb.ts';

describe('quoteShellArg', () => {
  it('leaves plain words alone', () => {
    expect(quoteShellArg('com.example.app/.MainActivity')).toBe('com.example.app/.MainActivity');
    expect(quoteShellArg('--user')).toBe('--user');
  });

  it('single-quotes anything a shell would interpret', () => {
    expect(quoteShellArg('a b')).toBe("'a b'");
    expect(quoteShellArg('$(reboot)')).toBe("'$(reboot)'");
    expect(quoteShellArg('x;rm -rf /')).toBe("'x;rm -rf /'");
    expect(quoteShellArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteShellArg('')).toBe("''");
  });
});
