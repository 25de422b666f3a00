/**
 * `pm install` refusals of the virtual device, with APKs built here by the real aapt/apksigner/keytool:
 * version downgrade (and -d), a different signer, a too-new minSdk, and an unsigned APK — each answered
 * with Android's `Failure [INSTALL_…: …]` line and exit 1.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentityFromBuffer } from '../harness/apk/index.ts';
import { main } from '../harness/cli/main.ts';
import { bootDevice } from '../simulator/shell/testing/run-shell.ts';
import { buildUnsignedApk, createSigningKey, manifestXml, signApk, type SigningKey } from './support/apk-builder.ts';

const PACKAGE = 'org.example.versions';

let dir: string;
let keyA: SigningKey;
let keyB: SigningKey;

async function build(name: string, versionCode: number, options: { key?: SigningKey; minSdk?: number } = {}): Promise<Buffer> {
  const manifest = manifestXml(
    PACKAGE,
    `<uses-sdk android:minSdkVersion="${options.minSdk ?? 26}" android:targetSdkVersion="33"/>
<uses-permission android:name="android.permission.CAMERA"/>
<application android:label="Versions"><activity android:name=".Main" android:exported="true"><intent-filter>
<action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity></application>`,
    `android:versionCode="${versionCode}" android:versionName="${versionCode}.0"`,
  );
  const unsigned = await buildUnsignedApk(dir, name, { manifest });
  if (options.key === undefined) return readFile(unsigned);
  return readFile(await signApk(unsigned, join(dir, `${name}.apk`), options.key, { v1: true, v2: true, v3: false }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-install-'));
  [keyA, keyB] = await Promise.all([
    createSigningKey(dir, { name: 'a', algorithm: 'RSA', dname: 'CN=Alice, O=Example' }),
    createSigningKey(dir, { name: 'b', algorithm: 'EC', dname: 'CN=Bob, O=Example' }),
  ]);
}, 120_000);

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('pm install refusals', () => {
  it('refuses a downgrade unless -d, and an update signed by someone else', async () => {
    const [v2, v1, v3OtherKey] = await Promise.all([
      build('v2', 2, { key: keyA }), build('v1', 1, { key: keyA }), build('v3b', 3, { key: keyB }),
    ]);
    const { sh } = await bootDevice();
    const install = (apk: Buffer, flags = '-r') => sh(`pm install ${flags} -S ${apk.length}`, { stdin: apk });
    expect((await install(v2)).stdout).toBe('Success\n');
    expect(await install(v1)).toMatchObject({
      status: 1, stdout: 'Failure [INSTALL_FAILED_VERSION_DOWNGRADE: Downgrade detected: Update version code 1 is older than current 2]\n',
    });
    expect((await install(v1, '-r -d')).stdout).toBe('Success\n');
    expect((await sh(`dumpsys package ${PACKAGE}`)).stdout).toContain('versionCode=1 minSdk=26 targetSdk=33');
    expect(await install(v3OtherKey)).toMatchObject({
      status: 1,
      stdout: `Failure [INSTALL_FAILED_UPDATE_INCOMPATIBLE: Package ${PACKAGE} signatures do not match previously installed version; ignoring!]\n`,
    });
  }, 120_000);

  it('refuses a minSdk above the device and an unsigned APK', async () => {
    const [tooNew, unsigned] = await Promise.all([build('new', 5, { key: keyA, minSdk: 34 }), build('unsigned', 5)]);
    const { sh } = await bootDevice();
    const newer = await sh(`pm install -S ${tooNew.length}`, { stdin: tooNew });
    expect(newer.status).toBe(1);
    expect(newer.stdout).toMatch(/^Failure \[INSTALL_FAILED_OLDER_SDK: .*Requires newer sdk version #34 \(current version is #33\)\]\n$/);
    const bare = await sh(`pm install -S ${unsigned.length}`, { stdin: unsigned });
    expect(bare.stdout).toMatch(/^Failure \[INSTALL_PARSE_FAILED_NO_CERTIFICATES: Failed collecting certificates for \/data\/app\/vmdl\d+\.tmp\/base\.apk\]\n$/);
    expect((await sh(`pm path ${PACKAGE}`)).status).toBe(1);
  }, 120_000);
});

describe('test-only apps and device admins', () => {
  const ADMIN_PACKAGE = 'org.example.admin';
  async function buildAdmin(name: string, testOnly: boolean): Promise<Buffer> {
    const manifest = manifestXml(
      ADMIN_PACKAGE,
      `<uses-sdk android:minSdkVersion="26" android:targetSdkVersion="33"/>
<application android:label="Admin"${testOnly ? ' android:testOnly="true" android:debuggable="true"' : ''}>
<receiver android:name=".Admin" android:permission="android.permission.BIND_DEVICE_ADMIN" android:exported="true"><meta-data android:name="android.app.device_admin" android:value="policies"/><intent-filter>
<action android:name="android.app.action.DEVICE_ADMIN_ENABLED"/></intent-filter></receiver></application>`,
      'android:versionCode="1" android:versionName="1.0"',
    );
    return readFile(await signApk(await buildUnsignedApk(dir, name, { manifest }), join(dir, `${name}.apk`), keyA, { v1: true, v2: true, v3: false }));
  }

  it('reads testOnly and debuggable from the manifest; installs a test-only APK only with -t', async () => {
    const [testOnly, normal] = await Promise.all([buildAdmin('admin-test', true), buildAdmin('admin-normal', false)]);
    expect(readApkIdentityFromBuffer(testOnly, 'admin-test.apk')).toMatchObject({ testOnly: true, debuggable: true });
    expect(readApkIdentityFromBuffer(normal, 'admin-normal.apk')).toMatchObject({ testOnly: false, debuggable: false });
    let printed = '';
    const io = { stdout: (t: string) => { printed += t; }, stderr: (t: string) => { printed += t; }, cwd: dir, env: {} };
    expect(await main(['inspect-apk', 'admin-test.apk', 'admin-normal.apk'], io)).toBe(0);
    expect(printed.match(/^ {2}flags +testOnly .*, debuggable$/gm)).toHaveLength(1);
    const { sh } = await bootDevice();
    expect(await sh(`pm install -S ${testOnly.length}`, { stdin: testOnly })).toMatchObject({ status: 1, stdout: 'Failure [INSTALL_FAILED_TEST_ONLY: installPackageLI]\n' });
    expect((await sh(`pm install -t -S ${testOnly.length}`, { stdin: testOnly })).stdout).toBe('Success\n');
  }, 120_000);

  it('removes a test-only device admin over adb and refuses any other, which then blocks its uninstall', async () => {
    const [testOnly, normal] = await Promise.all([buildAdmin('admin-test2', true), buildAdmin('admin-normal2', false)]);
    const component = `${ADMIN_PACKAGE}/.Admin`;
    const { sh } = await bootDevice();
    expect((await sh(`pm install -t -S ${testOnly.length}`, { stdin: testOnly })).stdout).toBe('Success\n');
    expect((await sh(`dpm set-active-admin ${component}`)).status).toBe(0);
    expect((await sh(`dpm remove-active-admin --user 0 ${component}`)).stdout).toMatch(/^Success: Admin removed/);
    expect((await sh(`pm uninstall ${ADMIN_PACKAGE}`)).stdout).toBe('Success\n');

    expect((await sh(`pm install -S ${normal.length}`, { stdin: normal })).stdout).toBe('Success\n');
    expect((await sh(`dpm set-active-admin ${component}`)).status).toBe(0);
    const refused = await sh(`dpm remove-active-admin --user 0 ${component}`);
    expect(refused.status).toBe(255);
    expect(refused.stderr).toContain(`java.lang.SecurityException: Attempt to remove non-test admin ComponentInfo{${ADMIN_PACKAGE}/${ADMIN_PACKAGE}.Admin} 0`);
    expect((await sh(`pm uninstall ${ADMIN_PACKAGE}`)).stdout).toBe('Failure [DELETE_FAILED_DEVICE_POLICY_MANAGER]\n');
  }, 120_000);
});
