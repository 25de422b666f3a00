import { describe, expect, it } from 'vitest';
import { explainApkRefusal } from './install-apk.ts';

describe('explainApkRefusal', () => {
  it('names why Android refuses an APK as built, from the Failure [...] text pm prints', () => {
    expect(explainApkRefusal('INSTALL_FAILED_NO_MATCHING_ABIS: Failed to extract native libraries, res=-113')).toMatch(/ARM-only/);
    expect(explainApkRefusal('-124: Failed parse during installPackageLI: Targeting R+ (version 30 and above) requires the resources.arsc …')).toMatch(/resources\.arsc/);
    expect(explainApkRefusal('INSTALL_PARSE_FAILED_NO_CERTIFICATES: Scanning Failed.: No signature found in package of version 2 or newer for package a.b')).toMatch(/v2\+/);
  });

  it('leaves failures a fresh device may not repeat unexplained', () => {
    expect(explainApkRefusal('INSTALL_FAILED_INSUFFICIENT_STORAGE')).toBeUndefined();
    expect(explainApkRefusal('adb: device offline')).toBeUndefined();
  });
});
