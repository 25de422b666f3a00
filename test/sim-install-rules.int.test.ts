/**
 * Android 13 rules the virtual phone enforces on installs and permissions, with APKs built here by the
 * real aapt/zipalign/apksigner: installs a real phone refuses (ARM-only native code on an x86_64
 * image, JAR-only signing or a deflated resources.arsc for targetSdk ≥ 30, an intent-filter without
 * android:exported for targetSdk ≥ 31), notifications dropped until POST_NOTIFICATIONS is granted,
 * and `pm grant` of SYSTEM_ALERT_WINDOW; a provider authority or a permission another package already
 * owns (INSTALL_FAILED_CONFLICTING_PROVIDER, INSTALL_FAILED_DUPLICATE_PERMISSION).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPIUM_APK, bootDevice, installVia, PROFILE_API29, readApk } from '../simulator/shell/testing/run-shell.ts';
import { readApkIdentityFromBuffer } from '../harness/apk/index.ts';
import { buildUnsignedApk, createSigningKey, manifestXml, reshapeApk, signApk, type SigningKey } from './support/apk-builder.ts';

const PACKAGE = 'org.example.rules';

let dir: string;
let key: SigningKey;

interface BuildOptions {
  targetSdk?: number;
  exported?: boolean;
  schemes?: { v1: boolean; v2: boolean; v3: boolean };
  add?: Record<string, string>;
  deflate?: string[];
  permissions?: string[];
  /** Another package name than PACKAGE. */
  packageName?: string;
  /** `<permission android:name>`s it defines. */
  defines?: string[];
  /** One `<provider>` with these `android:authorities`. */
  authorities?: string;
  signer?: SigningKey;
}

async function build(name: string, options: BuildOptions = {}): Promise<Buffer> {
  const exported = options.exported === false ? '' : ' android:exported="true"';
  const permissions = (options.permissions ?? []).map((permission) => `<uses-permission android:name="${permission}"/>`).join('\n');
  const defines = (options.defines ?? []).map((permission) => `<permission android:name="${permission}" android:protectionLevel="signature"/>`).join('\n');
  const provider = options.authorities === undefined ? '' : `<provider android:name=".Files" android:authorities="${options.authorities}" android:exported="false"/>`;
  const manifest = manifestXml(
    options.packageName ?? PACKAGE,
    `<uses-sdk android:minSdkVersion="26" android:targetSdkVersion="${options.targetSdk ?? 33}"/>
${permissions}
${defines}
<application android:label="Rules"><activity android:name=".Main"${exported}><intent-filter>
<action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>${provider}</application>`,
    'android:versionCode="1" android:versionName="1.0"',
  );
  let unsigned = await buildUnsignedApk(dir, name, { manifest, strings: { '': { app_name: 'Rules' } } });
  if (options.add !== undefined || options.deflate !== undefined) {
    unsigned = await reshapeApk(unsigned, join(dir, `${name}-reshaped.apk`), {
      ...(options.add === undefined ? {} : { add: options.add }), ...(options.deflate === undefined ? {} : { deflate: options.deflate }),
    });
  }
  return readFile(await signApk(unsigned, join(dir, `${name}.apk`), options.signer ?? key, options.schemes ?? { v1: true, v2: true, v3: false }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-install-rules-'));
  key = await createSigningKey(dir, { name: 'rules', algorithm: 'RSA', dname: 'CN=Rules, O=Example' });
}, 120_000);

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('installs a real Android 13 phone refuses', () => {
  it('ARM-only native code on the x86_64 image: INSTALL_FAILED_NO_MATCHING_ABIS; x86_64 code installs', async () => {
    const [armOnly, withX86] = await Promise.all([
      build('arm', { add: { 'lib/arm64-v8a/libcore.so': 'ELF', 'lib/armeabi-v7a/libcore.so': 'ELF' } }),
      build('x86', { add: { 'lib/arm64-v8a/libcore.so': 'ELF', 'lib/x86_64/libcore.so': 'ELF' } }),
    ]);
    const { sh } = await bootDevice();
    expect(await sh(`pm install -S ${armOnly.length}`, { stdin: armOnly })).toMatchObject({
      status: 1, stdout: 'Failure [INSTALL_FAILED_NO_MATCHING_ABIS: Failed to extract native libraries, res=-113]\n',
    });
    expect((await sh(`pm path ${PACKAGE}`)).status).toBe(1);
    expect((await sh(`pm install -S ${withX86.length}`, { stdin: withX86 })).stdout).toBe('Success\n');
  }, 120_000);

  it('targetSdk ≥ 30 signed with JAR signing only: INSTALL_PARSE_FAILED_NO_CERTIFICATES; targetSdk 29 installs', async () => {
    const v1Only = { v1: true, v2: false, v3: false };
    const [modern, legacy] = await Promise.all([build('v1-33', { schemes: v1Only }), build('v1-29', { schemes: v1Only, targetSdk: 29 })]);
    const { sh } = await bootDevice();
    expect(await sh(`pm install -S ${modern.length}`, { stdin: modern })).toMatchObject({
      status: 1,
      stdout: `Failure [INSTALL_PARSE_FAILED_NO_CERTIFICATES: Scanning Failed.: No signature found in package of version 2 or newer for package ${PACKAGE}]\n`,
    });
    expect((await sh(`pm install -S ${legacy.length}`, { stdin: legacy })).stdout).toBe('Success\n');
  }, 120_000);

  it('targetSdk ≥ 30 with a deflated resources.arsc: -124; the same APK targeting 29 installs', async () => {
    const [modern, legacy] = await Promise.all([
      build('arsc-33', { deflate: ['resources.arsc'] }), build('arsc-29', { deflate: ['resources.arsc'], targetSdk: 29 }),
    ]);
    const { sh } = await bootDevice();
    const refused = await sh(`pm install -S ${modern.length}`, { stdin: modern });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('Failure [-124: Failed parse during installPackageLI: Targeting R+ (version 30 and above) requires the resources.arsc of installed APKs to be stored uncompressed and aligned on a 4-byte boundary]\n');
    expect((await sh(`pm install -S ${legacy.length}`, { stdin: legacy })).stdout).toBe('Success\n');
  }, 120_000);

  it('targetSdk ≥ 31 with an intent-filter and no android:exported: INSTALL_PARSE_FAILED_MANIFEST_MALFORMED (not on API 29)', async () => {
    const implicit = await build('implicit', { exported: false });
    const { sh } = await bootDevice();
    const refused = await sh(`pm install -S ${implicit.length}`, { stdin: implicit });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/^Failure \[INSTALL_PARSE_FAILED_MANIFEST_MALFORMED: Failed parse during installPackageLI: \/data\/app\/vmdl\d+\.tmp\/base\.apk: org\.example\.rules\.Main: Targeting S\+ \(version 31 and above\) requires that an explicit value for android:exported be defined when intent filters are present\]\n$/);
    const old = await bootDevice(PROFILE_API29);
    expect((await old.sh(`pm install -S ${implicit.length}`, { stdin: implicit })).stdout).toBe('Success\n');
  }, 120_000);
});

describe('what another installed package already owns', () => {
  const OTHER = 'org.example.rules.copy';

  it('a provider authority of another package: INSTALL_FAILED_CONFLICTING_PROVIDER, whatever the signer; the owner may update', async () => {
    const [owner, copy] = await Promise.all([
      build('provider-owner', { authorities: 'org.example.rules.files;org.example.shared.files' }),
      build('provider-copy', { packageName: OTHER, authorities: 'org.example.shared.files' }),
    ]);
    expect(readApkIdentityFromBuffer(owner, 'owner.apk').providerAuthorities).toEqual(['org.example.rules.files', 'org.example.shared.files']);
    const { sh } = await bootDevice();
    expect((await sh(`pm install -S ${owner.length}`, { stdin: owner })).stdout).toBe('Success\n');
    expect(await sh(`pm install -S ${copy.length}`, { stdin: copy })).toMatchObject({
      status: 1,
      stdout: `Failure [INSTALL_FAILED_CONFLICTING_PROVIDER: Scanning Failed.: Can't install because provider name org.example.shared.files (in package ${OTHER}) is already used by ${PACKAGE}]\n`,
    });
    expect((await sh(`pm install -S ${owner.length}`, { stdin: owner })).stdout).toBe('Success\n');
    expect((await sh(`pm uninstall ${PACKAGE}`)).stdout).toBe('Success\n');
    expect((await sh(`pm install -S ${copy.length}`, { stdin: copy })).stdout).toBe('Success\n');
  }, 120_000);

  it('a permission another package defines: INSTALL_FAILED_DUPLICATE_PERMISSION with another certificate, allowed with the same', async () => {
    const stranger = await createSigningKey(dir, { name: 'stranger', algorithm: 'RSA', dname: 'CN=Stranger, O=Example' });
    const permission = 'org.example.rules.permission.READ_NOTES';
    const [owner, foreign, sibling] = await Promise.all([
      build('perm-owner', { defines: [permission] }),
      build('perm-foreign', { packageName: OTHER, defines: [permission], signer: stranger }),
      build('perm-sibling', { packageName: OTHER, defines: [permission] }),
    ]);
    expect(readApkIdentityFromBuffer(owner, 'owner.apk').definedPermissions).toEqual([permission]);
    const { sh } = await bootDevice();
    expect((await sh(`pm install -S ${owner.length}`, { stdin: owner })).stdout).toBe('Success\n');
    expect(await sh(`pm install -S ${foreign.length}`, { stdin: foreign })).toMatchObject({
      status: 1,
      stdout: `Failure [INSTALL_FAILED_DUPLICATE_PERMISSION: Package ${OTHER} attempting to redeclare permission ${permission} already owned by ${PACKAGE}]\n`,
    });
    expect((await sh(`pm install -S ${sibling.length}`, { stdin: sibling })).stdout).toBe('Success\n');
  }, 120_000);
});

describe('POST_NOTIFICATIONS and SYSTEM_ALERT_WINDOW on API 33', () => {
  const notifyAndList = async (device: Awaited<ReturnType<typeof bootDevice>>['device']): Promise<number> => {
    const uid = device.packages.get(PACKAGE)?.uid ?? 0;
    device.notifications.post({ packageName: PACKAGE, id: 7, channelId: 'alerts', title: 'Threat found', text: 'x', uid });
    return device.notifications.list().filter((record) => record.packageName === PACKAGE).length;
  };

  it('drops an app\'s notifications until it holds POST_NOTIFICATIONS; shell posts keep working', async () => {
    const apk = await build('notify', { permissions: ['android.permission.POST_NOTIFICATIONS', 'android.permission.SYSTEM_ALERT_WINDOW'] });
    const { sh, device } = await bootDevice();
    expect((await sh(`pm install -S ${apk.length}`, { stdin: apk })).stdout).toBe('Success\n');
    expect(await notifyAndList(device)).toBe(0);
    expect((await sh('dumpsys notification --noredact')).stdout).not.toContain(`pkg=${PACKAGE}`);
    // Silent on a real image: the "Suppressing notification" line is logged only if NotificationManagerService.DBG.
    expect((await sh('logcat -d')).stdout).not.toContain('Suppressing notification');
    expect((await sh(`pm grant ${PACKAGE} android.permission.POST_NOTIFICATIONS`)).status).toBe(0);
    expect(await notifyAndList(device)).toBe(1);
    expect((await sh('cmd notification post -t Title tag Body')).status).toBe(0);
    expect(device.notifications.list().some((record) => record.packageName === 'com.android.shell')).toBe(true);

    expect((await sh(`pm grant ${PACKAGE} android.permission.SYSTEM_ALERT_WINDOW`)).status).toBe(0);
    expect((await sh(`dumpsys package ${PACKAGE}`)).stdout).toContain('android.permission.SYSTEM_ALERT_WINDOW: granted=true');
  }, 120_000);

  it('a foreground service of an app without it keeps running, its notification is not listed', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, readApk(APPIUM_APK.settings));
    await sh('am start -n io.appium.settings/.Settings');
    // io.appium.settings 8.x targets 35 and does not request POST_NOTIFICATIONS.
    expect((await sh('dumpsys activity services io.appium.settings')).stdout).toContain('isForeground=true');
    expect((await sh('dumpsys notification --noredact')).stdout).not.toContain('io.appium.settings');
  }, 120_000);

  it('install -g grants it; on API 29 nothing is dropped', async () => {
    const apk = await build('notify-g', { permissions: ['android.permission.POST_NOTIFICATIONS'] });
    const modern = await bootDevice();
    expect((await modern.sh(`pm install -g -S ${apk.length}`, { stdin: apk })).stdout).toBe('Success\n');
    expect(await notifyAndList(modern.device)).toBe(1);
    const old = await bootDevice(PROFILE_API29);
    expect((await old.sh(`pm install -S ${apk.length}`, { stdin: apk })).stdout).toBe('Success\n');
    expect(await notifyAndList(old.device)).toBe(1);
  }, 120_000);
});
