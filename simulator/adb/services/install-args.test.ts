import { describe, expect, it } from 'vitest';
import { formatInstallResult, parseInstallArgs, quoteWords, splitWords } from './install-args.ts';

describe('install arguments', () => {
  it('reads -r -g -d -t and -S, skipping flags with values', () => {
    expect(parseInstallArgs(['-r', '-g', '--user', '0', '-i', 'com.android.vending', '-t', '-S', '1234', '--dont-kill'])).toEqual({
      options: { replace: true, grantRuntimePermissions: true, allowDowngrade: false, allowTest: true },
      size: 1234,
      paths: [],
    });
    expect(parseInstallArgs(['-d', '/data/local/tmp/app.apk'])).toMatchObject({ options: { allowDowngrade: true }, size: undefined, paths: ['/data/local/tmp/app.apk'] });
  });

  it('formats results as Android prints them', () => {
    expect(formatInstallResult({ ok: true })).toBe('Success\n');
    expect(formatInstallResult({ ok: false, code: 'INSTALL_FAILED_INVALID_APK', message: 'bad' })).toBe('Failure [INSTALL_FAILED_INVALID_APK: bad]\n');
    expect(formatInstallResult({ ok: false, code: 'INSTALL_FAILED_VERSION_DOWNGRADE', message: '' })).toBe('Failure [INSTALL_FAILED_VERSION_DOWNGRADE]\n');
  });

  it('splits and quotes command words like the device shell', () => {
    expect(splitWords(`cmd package 'install' '-r' -S 42`)).toEqual(['cmd', 'package', 'install', '-r', '-S', '42']);
    expect(splitWords(`a "b c" 'd e'f g\\ h`)).toEqual(['a', 'b c', 'd ef', 'g h']);
    expect(quoteWords(['cmd', 'package', "it's", 'a b'])).toBe(`cmd package 'it'\\''s' 'a b'`);
    expect(splitWords(quoteWords(['x y', "q'z"]))).toEqual(['x y', "q'z"]);
  });
});
