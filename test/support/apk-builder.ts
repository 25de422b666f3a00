import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

/**
 * Builds throwaway APKs with the real Android build tools (aapt, zipalign, apksigner, keytool), so
 * that tests compare the APK reader against what those tools say about APKs they made themselves.
 * Nothing here is committed as a binary: every file lives in the caller's temp directory.
 */

/** The framework resources aapt links against (Debian package android-framework-res). */
export const FRAMEWORK_RES = '/usr/share/android-framework-res/framework-res.apk';
const TOOL_TIMEOUT_MS = 60_000;
const STORE_PASSWORD = 'stalkerbench';

export interface SigningKey {
  keystore: string;
  alias: string;
}

/** Generates a key pair and self-signed certificate in a fresh PKCS#12 keystore. */
export async function createSigningKey(
  dir: string,
  options: { name: string; algorithm: 'RSA' | 'EC'; dname: string; keySize?: number },
): Promise<SigningKey> {
  const keystore = join(dir, `${options.name}.p12`);
  await execa(
    'keytool',
    [
      '-genkeypair', '-keystore', keystore, '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD,
      '-alias', options.name, '-keyalg', options.algorithm, '-keysize', String(options.keySize ?? (options.algorithm === 'EC' ? 256 : 2048)),
      '-validity', '3650', '-dname', options.dname,
    ],
    { timeout: TOOL_TIMEOUT_MS },
  );
  return { keystore, alias: options.name };
}

export interface ApkSource {
  /** AndroidManifest.xml text. */
  manifest: string;
  /** values-<qualifier>/strings.xml contents by qualifier ('' = default); names → text. */
  strings?: Record<string, Record<string, string>>;
  /** assets/<name> → content. */
  assets?: Record<string, string>;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, "\\'");
}

/** Compiles `source` with aapt and zipaligns it: an unsigned APK. */
export async function buildUnsignedApk(dir: string, name: string, source: ApkSource): Promise<string> {
  const work = join(dir, `${name}-src`);
  const res = join(work, 'res');
  await mkdir(res, { recursive: true });
  await writeFile(join(work, 'AndroidManifest.xml'), source.manifest);
  for (const [qualifier, strings] of Object.entries(source.strings ?? {})) {
    const values = join(res, qualifier === '' ? 'values' : `values-${qualifier}`);
    await mkdir(values, { recursive: true });
    const body = Object.entries(strings)
      .map(([key, value]) => `  <string name="${key}">${escapeXml(value)}</string>`)
      .join('\n');
    await writeFile(join(values, 'strings.xml'), `<?xml version="1.0" encoding="utf-8"?>\n<resources>\n${body}\n</resources>\n`);
  }
  const args = ['package', '-f', '-M', join(work, 'AndroidManifest.xml'), '-S', res, '-I', FRAMEWORK_RES];
  if (source.assets) {
    const assets = join(work, 'assets');
    for (const [file, content] of Object.entries(source.assets)) {
      await mkdir(join(assets, file, '..'), { recursive: true });
      await writeFile(join(assets, file), content);
    }
    args.push('-A', assets);
  }
  const packaged = join(dir, `${name}-packaged.apk`);
  await execa('aapt', [...args, '-F', packaged], { timeout: TOOL_TIMEOUT_MS });
  const aligned = join(dir, `${name}-unsigned.apk`);
  await execa('zipalign', ['-f', '4', packaged, aligned], { timeout: TOOL_TIMEOUT_MS });
  return aligned;
}

/** Signs an aligned APK with the chosen schemes. */
export async function signApk(
  unsigned: string,
  out: string,
  key: SigningKey,
  schemes: { v1: boolean; v2: boolean; v3: boolean },
): Promise<string> {
  await execa(
    'apksigner',
    [
      'sign', '--ks', key.keystore, '--ks-pass', `pass:${STORE_PASSWORD}`, '--ks-key-alias', key.alias,
      '--v1-signing-enabled', String(schemes.v1), '--v2-signing-enabled', String(schemes.v2),
      '--v3-signing-enabled', String(schemes.v3), '--v4-signing-enabled', 'false',
      '--out', out, unsigned,
    ],
    { timeout: TOOL_TIMEOUT_MS },
  );
  return out;
}

/** A manifest in the shape the tests need, with the android namespace declared. */
export function manifestXml(packageName: string, body: string, attributes = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="${packageName}" ${attributes}>
${body}
</manifest>
`;
}

/**
 * Compiles a fixture source folder (AndroidManifest.xml, res/, assets/) as scripts/build-fixtures
 * does, with the manifest text changed first (e.g. a debug build's `android:testOnly="true"`):
 * an aligned, unsigned APK.
 */
export async function buildUnsignedApkFromFolder(dir: string, name: string, sourceDir: string, patchManifest: (text: string) => string): Promise<string> {
  // aapt only takes a manifest file named AndroidManifest.xml.
  const manifest = join(dir, `${name}-manifest`, 'AndroidManifest.xml');
  await mkdir(join(dir, `${name}-manifest`), { recursive: true });
  await writeFile(manifest, patchManifest(await readFile(join(sourceDir, 'AndroidManifest.xml'), 'utf8')));
  const packaged = join(dir, `${name}-packaged.apk`);
  await execa('aapt', ['package', '-f', '-M', manifest, '-S', join(sourceDir, 'res'), '-A', join(sourceDir, 'assets'), '-I', FRAMEWORK_RES, '-F', packaged], { timeout: TOOL_TIMEOUT_MS });
  const aligned = join(dir, `${name}-unsigned.apk`);
  await execa('zipalign', ['-f', '4', packaged, aligned], { timeout: TOOL_TIMEOUT_MS });
  return aligned;
}

/**
 * Changes an aapt-built APK the way some real build set-ups leave it, then zipaligns it again (unsigned):
 * `add` puts extra entries in (e.g. `lib/arm64-v8a/libnative.so` for ARM-only native code), `deflate`
 * re-adds existing entries compressed (e.g. `resources.arsc`, which aapt stores uncompressed).
 */
export async function reshapeApk(unsigned: string, out: string, change: { add?: Record<string, string | Buffer>; deflate?: string[] }): Promise<string> {
  const work = `${out}-reshape`;
  await mkdir(work, { recursive: true });
  const copy = join(work, 'base.apk');
  await writeFile(copy, await readFile(unsigned));
  const added = Object.entries(change.add ?? {});
  for (const [name, content] of added) {
    await mkdir(join(work, 'files', name, '..'), { recursive: true });
    await writeFile(join(work, 'files', name), content);
  }
  if (added.length > 0) await execa('zip', ['-X', '-q', '-0', copy, ...added.map(([name]) => name)], { cwd: join(work, 'files'), timeout: TOOL_TIMEOUT_MS });
  for (const name of change.deflate ?? []) {
    await execa('unzip', ['-q', '-o', copy, name, '-d', join(work, 'deflate')], { timeout: TOOL_TIMEOUT_MS });
    await execa('zip', ['-X', '-q', '-9', copy, name], { cwd: join(work, 'deflate'), timeout: TOOL_TIMEOUT_MS });
  }
  await execa('zipalign', ['-f', '4', copy, out], { timeout: TOOL_TIMEOUT_MS });
  return out;
}
