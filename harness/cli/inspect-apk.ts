import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readApkIdentity, type ApkComponent, type ApkIdentity, type ComponentKind } from '../apk/index.ts';
import { EXIT, exitCodeFor, formatError, HarnessError } from '../errors/index.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench inspect-apk <apk…> [--json]

Reads APK files directly (no aapt, no device) and prints what the harness knows about each:
package, version, label, SDK levels, permissions, components by kind (accessibility services,
device admins and notification listeners first), signing schemes with each signer certificate's
SHA-1, SHA-256 and subject, and the file's SHA-256. Certificates are read, not verified: use
\`apksigner verify\` to check signatures. "signing" lists every scheme present in the file;
apksigner reports only those Android checks for the APK's minSdkVersion (v1 is skipped from 24
when v2/v3 exist, v2 from 28 when v3 exists).

options:
  --json       print a JSON array with one identity per APK, in argument order
  -h, --help   show this help

exit codes:
  0  every APK was read
  2  bad input: missing file, not an APK, truncated APK, APK without a manifest, unknown option
`;

/** Stalkerware-relevant kinds first: they are what a reader of this output looks for. */
const KIND_ORDER: readonly ComponentKind[] = [
  'accessibility-service',
  'device-admin',
  'notification-listener',
  'activity',
  'activity-alias',
  'service',
  'receiver',
  'provider',
];

/** Labels and names come from the APK, which may be hostile: no control characters reach the terminal. */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describeComponent(component: ApkComponent): string {
  const notes: string[] = [];
  if (component.exported !== undefined) notes.push(component.exported ? 'exported' : 'not exported');
  if (component.enabled === false) notes.push('disabled');
  if (component.permission !== undefined) notes.push(`permission ${component.permission}`);
  if (component.targetActivity !== undefined) notes.push(`→ ${component.targetActivity}`);
  if (component.actions.length > 0) notes.push(`actions ${component.actions.join(' ')}`);
  if (component.categories.length > 0) notes.push(`categories ${component.categories.join(' ')}`);
  return sanitize(notes.length > 0 ? `${component.name} (${notes.join('; ')})` : component.name);
}

/** The human-readable block for one APK. */
export function formatIdentity(identity: ApkIdentity): string {
  const lines = [sanitize(identity.path)];
  const field = (name: string, value: string): void => {
    lines.push(`  ${name.padEnd(12)} ${sanitize(value)}`);
  };
  field('package', identity.packageName);
  field('version', `${identity.versionName ?? '(no versionName)'} (versionCode ${identity.versionCode})`);
  field('label', identity.label ?? '(none)');
  field('sdk', `min ${identity.minSdkVersion ?? '-'}, target ${identity.targetSdkVersion ?? '-'}`);
  field('launchable', identity.launchableActivity ?? '(none)');
  const flags = [identity.testOnly ? 'testOnly (installs only with `adb install -t`; its device admin can be removed over adb)' : '', identity.debuggable ? 'debuggable' : ''].filter(Boolean);
  if (flags.length > 0) field('flags', flags.join(', '));

  lines.push(`  permissions (${identity.permissions.length})`);
  for (const permission of identity.permissions) lines.push(`    ${sanitize(permission)}`);

  lines.push(`  components (${identity.components.length})`);
  for (const kind of KIND_ORDER) {
    const ofKind = identity.components.filter((component) => component.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`    ${kind} (${ofKind.length})`);
    for (const component of ofKind) lines.push(`      ${describeComponent(component)}`);
  }
  if (identity.instrumentations.length > 0) lines.push(`  instrumentations (${identity.instrumentations.length})`);
  for (const instrumentation of identity.instrumentations) {
    lines.push(`    ${sanitize(`${instrumentation.name} → ${instrumentation.targetPackage}`)}`);
  }

  const { schemes, certificates } = identity.signing;
  field('signing', schemes.length > 0 ? schemes.map((scheme) => `v${scheme}`).join(', ') : 'unsigned');
  certificates.forEach((certificate, index) => {
    lines.push(`    certificate #${index + 1}: ${sanitize(certificate.subject)}`);
    lines.push(`      SHA-1    ${certificate.sha1}`);
    lines.push(`      SHA-256  ${certificate.sha256}`);
    lines.push(`      key      ${certificate.keyAlgorithm}${certificate.keySize === undefined ? '' : ` ${certificate.keySize}`}`);
  });
  field('assets', identity.assets.length > 0 ? identity.assets.join(', ') : '(none)');
  field('size', `${identity.size} bytes`);
  field('sha256', identity.sha256);
  return `${lines.join('\n')}\n`;
}

function parseInspectArgs(argv: string[]): { paths: string[]; json: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0) {
      throw new HarnessError('USAGE', 'inspect-apk needs at least one APK path', { hint: 'run `stalkerbench inspect-apk --help`' });
    }
    return { paths: positionals, json: values.json };
  } catch (error) {
    if (error instanceof HarnessError) throw error;
    throw new HarnessError('USAGE', `inspect-apk: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'run `stalkerbench inspect-apk --help`',
      cause: error,
    });
  }
}

async function runInspectApk(argv: string[], io: CliIo): Promise<number> {
  const { paths, json } = parseInspectArgs(argv);
  const identities: ApkIdentity[] = [];
  const failures: unknown[] = [];
  // Every APK is read even when one fails, so that one bad file does not hide the others' errors.
  for (const path of paths) {
    try {
      identities.push(await readApkIdentity(resolve(io.cwd, path)));
    } catch (error) {
      failures.push(error);
    }
  }
  if (json) {
    // undefined fields become null so that every identity has the same keys.
    io.stdout(`${JSON.stringify(identities, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`);
  } else {
    io.stdout(identities.map(formatIdentity).join('\n'));
  }
  for (const failure of failures) io.stderr(`${formatError(failure)}\n`);
  return failures.length === 0 ? EXIT.ok : Math.max(...failures.map((failure) => exitCodeFor(failure)));
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['inspect-apk'],
  help: HELP,
  run: runInspectApk,
};
