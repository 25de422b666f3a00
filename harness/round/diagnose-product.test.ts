import { describe, expect, it } from 'vitest';
import { isFocusedPackage, parseProductFault } from './diagnose-product.ts';

const PKG = 'com.brittle.security';

describe('parseProductFault', () => {
  it('finds a crash in the crash buffer and in the event log', () => {
    const crash = [
      '12-06 10:00:00.100  4321  4321 E AndroidRuntime: FATAL EXCEPTION: main',
      `12-06 10:00:00.100  4321  4321 E AndroidRuntime: Process: ${PKG}, PID: 4321`,
    ].join('\n');
    expect(parseProductFault(crash, PKG)).toMatchObject({ code: 'PRODUCT_CRASHED' });
    expect(parseProductFault(`12-06 10:00:00.200   555   600 I am_crash: [4321,0,${PKG},948452932,java.lang.NullPointerException]`, PKG)?.code).toBe('PRODUCT_CRASHED');
  });

  it('finds an ANR, and a crash wins over it', () => {
    const anr = `12-06 10:00:05.000   555   610 I am_anr  : [0,4321,${PKG},684244548,Input dispatching timed out]`;
    expect(parseProductFault(anr, PKG)?.code).toBe('PRODUCT_NOT_RESPONDING');
    expect(parseProductFault(`12-06 10:00:05.000   555   610 E ActivityManager: ANR in ${PKG} (${PKG}/.MainActivity)`, PKG)?.code).toBe('PRODUCT_NOT_RESPONDING');
    expect(parseProductFault(`${anr}\n12-06 10:00:09.000  4321  4321 E AndroidRuntime: Process: ${PKG}, PID: 4321`, PKG)?.code).toBe('PRODUCT_CRASHED');
  });

  it('ignores other packages, including ones that start with the product\'s name', () => {
    const other = [
      '12-06 10:00:00.100  4321  4321 E AndroidRuntime: Process: com.systemservice, PID: 4321',
      `12-06 10:00:05.000   555   610 E ActivityManager: ANR in ${PKG}.helper`,
      `12-06 10:00:05.000   555   610 I am_anr  : [0,4321,${PKG}.helper,684244548,x]`,
    ].join('\n');
    expect(parseProductFault(other, PKG)).toBeUndefined();
  });
});

describe('isFocusedPackage', () => {
  it("reads the focused window's package from dumpsys window", () => {
    const line = `  mCurrentFocus=Window{4e2a1b7 u0 ${PKG}/${PKG}.MainActivity}`;
    expect(isFocusedPackage(line, PKG)).toBe(true);
    expect(isFocusedPackage('  mCurrentFocus=Window{4e2a1b7 u0 com.android.launcher3/com.android.launcher3.uioverrides.QuickstepLauncher}', PKG)).toBe(false);
    expect(isFocusedPackage(`  mCurrentFocus=Window{4e2a1b7 u0 ${PKG}.helper/x.Y}`, PKG)).toBe(false);
    expect(isFocusedPackage('  mCurrentFocus=null', PKG)).toBe(false);
  });
});
