import type { PinnedFile } from '../config/index.ts';
import { isSplitSet, type SetFile } from './configured-apk.ts';
import { installApk, type InstallApkOptions } from './install-apk.ts';
import { installApkSet } from './install-apk-set.ts';

/**
 * Installs what a profile or catalogue entry names: one APK through `adb install` (unchanged), or a split
 * set (base + `splits`, or an `.apks` archive) through `adb install-multiple`. Resolves to the host time
 * the install finished and, for a set, the files installed (for the case's evidence).
 */
export async function installConfiguredApk(options: InstallApkOptions & { splits?: readonly PinnedFile[] | undefined }): Promise<{ installedAt: number; files?: SetFile[] }> {
  const { splits, ...single } = options;
  if (!isSplitSet({ file: options.file, sha256: options.sha256, splits })) return { installedAt: await installApk(single) };
  return installApkSet(options);
}

/** The evidence text naming every APK of an installed set: `name  sha256  size  split`. */
export function formatSetFiles(what: string, files: readonly SetFile[]): string {
  return [`${what}: split APK set installed with adb install-multiple`, ...files.map((file) => `${file.name}  ${file.sha256}  ${file.size} bytes  ${file.split ?? 'base'}`), ''].join('\n');
}
