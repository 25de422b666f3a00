import { createHash } from 'node:crypto';
import { HarnessError } from '../errors/index.ts';
import { readApkSigning } from './apk-signing.ts';
import { parseAxml } from './axml-parser.ts';
import { loadApkFile } from './load-apk-file.ts';
import { readManifestModel } from './manifest-model.ts';
import { parseResourceTable, type ResourceTable } from './resource-table.ts';
import type { ApkIdentity, ApkSigning } from './types.ts';
import { openZip, readZipEntry } from './zip-reader.ts';

const MANIFEST = 'AndroidManifest.xml';
const RESOURCES = 'resources.arsc';
const ASSETS = 'assets/';

/**
 * Everything the harness knows about an APK from its bytes alone: manifest, resolved label,
 * components, signer certificates (not cryptographically verified: see `readApkSigning`), hashes.
 * @param label names the APK in `path` and in error messages, e.g. the file name pushed over adb
 * @throws HarnessError APK_INVALID (not a ZIP, truncated, malformed manifest/resources/signatures),
 *   APK_NO_MANIFEST (a ZIP without AndroidManifest.xml)
 */
export function readApkIdentityFromBuffer(buffer: Buffer, label: string): ApkIdentity {
  const zip = openZip(buffer, label);
  const manifestEntry = zip.byName.get(MANIFEST);
  if (!manifestEntry) {
    throw new HarnessError('APK_NO_MANIFEST', `${label} has no ${MANIFEST}: it is a ZIP archive but not an APK`, {
      hint: 'pass an installable .apk; split-APK bundles (.apks, .xapk) hold their APKs inside and must be unpacked first',
    });
  }
  const manifest = parseAxml(readZipEntry(zip, manifestEntry), `${label}!${MANIFEST}`);
  const resourcesEntry = zip.byName.get(RESOURCES);
  const resources: ResourceTable | undefined = resourcesEntry
    ? parseResourceTable(readZipEntry(zip, resourcesEntry), `${label}!${RESOURCES}`)
    : undefined;

  return {
    path: label,
    sha256: createHash('sha256').update(buffer).digest('hex'),
    size: buffer.length,
    ...readManifestModel(manifest, resources, `${label}!${MANIFEST}`),
    signing: readApkSigning(zip),
    assets: zip.entries
      .filter((entry) => entry.name.startsWith(ASSETS) && !entry.name.endsWith('/'))
      .map((entry) => entry.name.slice(ASSETS.length)),
  };
}

/**
 * Only the signing part of `readApkIdentityFromBuffer` (the same `signing`), without hashing the
 * whole file or parsing the manifest and resources: for a caller that already knows the rest, such
 * as the virtual device's apps looking at an installed package (installing it read its identity).
 * @throws HarnessError APK_INVALID (not a ZIP, truncated, malformed signatures)
 */
export function readApkSigningFromBuffer(buffer: Buffer, label: string): ApkSigning {
  return readApkSigning(openZip(buffer, label));
}

/**
 * Reads the APK at `path` (relative paths resolve against the process's working directory).
 * @throws HarnessError FILE_NOT_FOUND, plus everything `readApkIdentityFromBuffer` throws
 */
export async function readApkIdentity(path: string): Promise<ApkIdentity> {
  const file = await loadApkFile(path);
  return readApkIdentityFromBuffer(file.buffer, file.path);
}
