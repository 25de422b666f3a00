/**
 * `pm install` refusals of the virtual device, with APKs built here by the real aapt/apksigner/keytool:
 * version downgrade (and -d), a different signer, a too-new minSdk, and an unsigned APK — each answered
 * with Android's `Failure [INSTALL_…: …]` line and exit 1.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
