import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentity, type ApkIdentity } from '../harness/apk/index.ts';
import { buildUnsignedApk, createSigningKey, manifestXml, signApk } from './support/apk-builder.ts';
import { expectedVerifiedSchemes, runAaptBadging, runApksignerVerify } from './support/apk-reference-tools.ts';

/**
 * The APK reader against the Android tools themselves: `aapt dump badging` for the manifest and
 * `apksigner verify --print-certs -v` for signing, on the real Appium server APKs, on every fixture
 * APK in scenarios/apks, and on APKs built here with aapt/apksigner to cover what those lack
 * (v1-only, v2-only with an EC key, a launcher activity-alias, an unsigned APK).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function findAppiumApks(): string[] {
  const require = createRequire(import.meta.url);
  const requireFromDriver = createRequire(require.resolve('appium-uiautomator2-driver/package.json'));
  const serverApks = join(dirname(requireFromDriver.resolve('appium-uiautomator2-server/package.json')), 'apks');
  const settingsApks = join(dirname(requireFromDriver.resolve('io.appium.settings/package.json')), 'apks');
  return [serverApks, settingsApks].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.apk'))
      .map((name) => join(dir, name)),
  );
}

function findFixtureApks(): string[] {
  const dir = join(repoRoot, 'scenarios', 'apks');
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.apk'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

async function expectAgreement(apk: string): Promise<ApkIdentity> {
  const identity = await readApkIdentity(apk);
  const aapt = await runAaptBadging(apk);
  expect(identity.packageName).toBe(aapt.packageName);
  // aapt prints versionCode='' when the manifest has none; Android then uses 0.
  expect(identity.versionCode).toBe(aapt.versionCode === '' ? 0 : Number(aapt.versionCode));
  expect(identity.versionName ?? '').toBe(aapt.versionName);
  expect(identity.label ?? '').toBe(aapt.label);
  expect(identity.minSdkVersion?.toString()).toBe(aapt.sdkVersion);
  if (aapt.targetSdkVersion !== undefined) expect(identity.targetSdkVersion?.toString()).toBe(aapt.targetSdkVersion);
  expect(identity.permissions).toEqual(aapt.permissions);
  if (aapt.launchableActivities.length > 0) {
    expect(identity.launchableActivity).toBe(aapt.launchableActivities[0]);
  } else if (identity.launchableActivity !== undefined) {
    // Debian's aapt 0.2 ignores activity-alias; the device launcher (and this reader) does not.
    expect(identity.components.find((component) => component.name === identity.launchableActivity)?.kind).toBe('activity-alias');
  }

  const signer = await runApksignerVerify(apk);
  if (signer === undefined) {
    expect(identity.signing.schemes).toEqual([]);
    expect(identity.signing.certificates).toEqual([]);
    return identity;
  }
  expect(expectedVerifiedSchemes(identity.signing.schemes, identity.minSdkVersion)).toEqual(signer.verified);
  const [first] = identity.signing.certificates;
  expect(first).toEqual({
    sha256: signer.signer?.sha256.toUpperCase(),
    sha1: signer.signer?.sha1.toUpperCase(),
    subject: signer.signer?.dn,
    keyAlgorithm: signer.signer?.keyAlgorithm,
    keySize: signer.signer?.keySize,
  });
  expect(identity.signing.certificates.length).toBeGreaterThanOrEqual(signer.signerCount);
  return identity;
}

describe('APK reader agrees with aapt and apksigner', () => {
  const appiumApks = findAppiumApks();
  const fixtureApks = findFixtureApks();

  it('finds the Appium server and settings APKs', () => {
    expect(appiumApks.map((apk) => apk.split('/').at(-1))).toEqual(
      expect.arrayContaining(['settings_apk-debug.apk', 'appium-uiautomator2-server-debug-androidTest.apk']),
    );
  });

  it.each(appiumApks.map((apk) => [apk.split('/').at(-1) ?? apk, apk]))('Appium APK %s', async (_name, apk) => {
    await expectAgreement(apk);
  });

  it.each(fixtureApks.map((apk) => [apk.split('/').at(-1) ?? apk, apk]))('fixture %s', async (_name, apk) => {
    await expectAgreement(apk);
  });

  describe('APKs built here with aapt and apksigner', () => {
    let dir = '';
    const built = new Map<string, string>();

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sb-apk-agreement-'));
      const [rsa, ec] = await Promise.all([
        createSigningKey(dir, {
          name: 'rsa',
          algorithm: 'RSA',
          keySize: 3072,
          dname: 'CN=Demo Signer, OU="Unit, Tests", O=Example  Org, L=Zürich, ST=ZH, C=CH, EMAILADDRESS=dev@example.org',
        }),
        createSigningKey(dir, { name: 'ec', algorithm: 'EC', dname: 'CN=EC Demo, O=Example' }),
      ]);
      const full = await buildUnsignedApk(dir, 'full', {
        manifest: manifestXml(
          'org.stalkerbench.full',
          `<uses-sdk android:minSdkVersion="21" android:targetSdkVersion="30"/>
  <uses-permission android:name="android.permission.READ_SMS"/>
  <uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE"/>
  <uses-permission-sdk-23 android:name="android.permission.CAMERA"/>
  <application android:label="@string/app_name">
    <activity android:name=".Main"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>
    <service android:name=".Watch" android:permission="android.permission.BIND_ACCESSIBILITY_SERVICE" android:exported="false"/>
    <receiver android:name="org.stalkerbench.full.Admin" android:permission="android.permission.BIND_DEVICE_ADMIN"/>
    <service android:name="Listener" android:permission="android.permission.BIND_NOTIFICATION_LISTENER_SERVICE" android:enabled="false"/>
  </application>
  <instrumentation android:name=".Probe" android:targetPackage="org.stalkerbench.full"/>`,
          'android:versionCode="7" android:versionName="@string/version"',
        ),
        strings: { '': { app_name: "Démo 'Spy' 🙂", version: '7.0-beta' }, fr: { app_name: 'Démo FR' } },
        assets: { 'behaviour.yaml': 'screens: []\n', 'nested/info.txt': 'x' },
      });
      const plain = await buildUnsignedApk(dir, 'plain', {
        manifest: manifestXml(
          'org.stalkerbench.plain',
          `<uses-sdk android:minSdkVersion="24"/>
  <application android:label="Plain">
    <activity android:name=".Hidden"/>
    <activity-alias android:name=".Entry" android:targetActivity=".Hidden"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity-alias>
  </application>`,
        ),
        // aapt prints an empty label for an APK without resources.arsc, even for a literal label.
        strings: { '': { unused: 'x' } },
      });
      // Target SDK 30+ requires v2, so the v1-only APK targets 28.
      const legacy = await buildUnsignedApk(dir, 'legacy', {
        manifest: manifestXml(
          'org.stalkerbench.legacy',
          `<uses-sdk android:minSdkVersion="16" android:targetSdkVersion="28"/>
  <uses-permission android:name="android.permission.READ_CONTACTS"/>
  <application android:label="Legacy"><activity android:name="Start"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity></application>`,
        ),
        strings: { '': { unused: 'x' } },
      });
      built.set('v1v2v3-rsa', await signApk(full, join(dir, 'v1v2v3-rsa.apk'), rsa, { v1: true, v2: true, v3: true }));
      built.set('v1-only-rsa', await signApk(legacy, join(dir, 'v1-only-rsa.apk'), rsa, { v1: true, v2: false, v3: false }));
      built.set('v2-only-ec', await signApk(plain, join(dir, 'v2-only-ec.apk'), ec, { v1: false, v2: true, v3: false }));
      built.set('unsigned', plain);
    }, 180_000);

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('v1+v2+v3 RSA-3072 with a resource label, a quoted DN and assets', async () => {
      const identity = await expectAgreement(built.get('v1v2v3-rsa') ?? '');
      expect(identity.signing.schemes).toEqual([1, 2, 3]);
      expect(identity.label).toBe("Démo 'Spy' 🙂");
      expect(identity.versionName).toBe('7.0-beta');
      expect(identity.assets.sort()).toEqual(['behaviour.yaml', 'nested/info.txt']);
      expect(identity.components.map((component) => component.kind)).toEqual([
        'activity',
        'accessibility-service',
        'device-admin',
        'notification-listener',
      ]);
    });

    it('v1 only, no versionCode', async () => {
      const identity = await expectAgreement(built.get('v1-only-rsa') ?? '');
      expect(identity.signing.schemes).toEqual([1]);
      expect(identity.versionCode).toBe(0);
      expect(identity.launchableActivity).toBe('org.stalkerbench.legacy.Start');
    });

    it('v2 only, EC P-256, launcher activity-alias', async () => {
      const identity = await expectAgreement(built.get('v2-only-ec') ?? '');
      expect(identity.signing.schemes).toEqual([2]);
      expect(identity.signing.certificates[0]?.keyAlgorithm).toBe('EC');
      expect(identity.launchableActivity).toBe('org.stalkerbench.plain.Entry');
    });

    it('unsigned', async () => {
      const identity = await expectAgreement(built.get('unsigned') ?? '');
      expect(identity.signing).toEqual({ schemes: [], certificates: [] });
    });
  });
});
