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

/**
 * Whether an app may show notifications, from `dumpsys package <pkg>` on API 33+, read from its
 * `runtime permissions:` line for android.permission.POST_NOTIFICATIONS (PermissionManager prints
 * `name: granted=true|false, flags=[ USER_SET|… ]`): `granted`; `denied` when not granted and the
 * user answered (USER_SET or USER_FIXED, set by PermissionController when the dialog is answered);
 * `never-asked` when not granted and neither flag is set (no dialog was ever answered);
 * `not-requested` when the manifest does not ask for it; `not-runtime` when it is requested but has
 * no runtime line (API < 33, where no permission is needed). Undefined when the package is not installed.
 */
export type NotificationPermissionState = 'granted' | 'denied' | 'never-asked' | 'not-requested' | 'not-runtime';

const POST_NOTIFICATIONS = 'android.permission.POST_NOTIFICATIONS';

export function parseNotificationPermission(output: string, packageName: string): NotificationPermissionState | undefined {
  const start = output.search(new RegExp(`Package \\[${packageName.replaceAll('.', '\\.')}\\]`));
  if (start < 0) return undefined;
  const rest = output.slice(start + 1);
  // The package's block ends where the next `Package [` (or the dump's next section) begins.
  const end = rest.search(/\n {2}Package \[|\n\S/);
  const block = end < 0 ? rest : rest.slice(0, end);
  const line = new RegExp(`^\\s+${POST_NOTIFICATIONS.replaceAll('.', '\\.')}: granted=(true|false)(?:, flags=\\[([^\\]]*)\\])?`, 'm').exec(block);
  if (line !== null) {
    if (line[1] === 'true') return 'granted';
    const flags = (line[2] ?? '').trim().split('|').map((flag) => flag.trim());
    return flags.includes('USER_SET') || flags.includes('USER_FIXED') ? 'denied' : 'never-asked';
  }
  const requested = /\n {4}requested permissions:\n((?: {6}\S[^\n]*\n)*)/.exec(block)?.[1] ?? '';
  return requested.split('\n').some((entry) => entry.trim().split(':')[0] === POST_NOTIFICATIONS) ? 'not-runtime' : 'not-requested';
}
