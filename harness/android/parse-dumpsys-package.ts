/** What the harness reads from `dumpsys package <pkg>`: the version as installed. */
export interface InstalledPackageVersion {
  versionCode: number | undefined;
  versionName: string | undefined;
}

/** Undefined when the package is not installed (dumpsys prints no `Packages:` entry for it). */
export function parseDumpsysPackageVersion(output: string, packageName: string): InstalledPackageVersion | undefined {
  const start = output.search(new RegExp(`Package \\[${packageName.replaceAll('.', '\\.')}\\]`));
  if (start < 0) return undefined;
  const block = output.slice(start);
  const code = /versionCode=(\d+)/.exec(block)?.[1];
  const name = /versionName=([^\n]*)/.exec(block)?.[1]?.trim();
  return { versionCode: code === undefined ? undefined : Number(code), versionName: name === undefined || name === 'null' ? undefined : name };
}
