import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { readApkIdentity } from '../apk/index.ts';
import { isApksArchive } from '../apk/read-apks-archive.ts';
import { listDeclaredAccesses } from '../authoring/declared-accesses.ts';
import { scaffoldProfile, suggestProfileId } from '../authoring/scaffold-profile.ts';
import { yamlScalar } from '../authoring/yaml-scalar.ts';
import { idSchema } from '../config/common-schemas.ts';
import { displayPathOf, hashFile } from '../config/index.ts';
import { findTodoMarkers } from '../config/todo-markers.ts';
import { EXIT, HarnessError } from '../errors/index.ts';
import { readConfiguredApk } from '../round/configured-apk.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench new-product <apk> [--id <id>] [--out <file>] [--force]

Scaffolds a product profile from an APK file (read directly, no device): package, label, version,
launcher activity and SHA-256 filled in; the permissions and the special accesses it declares
(accessibility service, notification listener, device admin, display over other apps, all-files
access, usage access, battery-optimisation exemption, POST_NOTIFICATIONS) listed, with commented
step suggestions for onboarding, scan, results and alerts. Everything about the app's screens is
left as a TODO marker: \`validate\` (and every round naming the profile) refuses the file until no
TODO is left, so a scaffold is never mistaken for a working profile. Fill them in with
\`stalkerbench inspect-ui\` (the screen with a selector per element) and \`stalkerbench try-flow\`.

options:
  --id <id>      the profile's id (default: from the app's label, e.g. sentinel-mobile-security)
  --out <file>   where to write it (default: scenarios/products/<id>.yaml)
  --force        replace an existing file (never done without it)
  -h, --help     this text

exit codes: 0 written, 2 bad input (not an APK, missing file, bad id, the file exists), 3 the file
could not be written
`;

function usageError(message: string, cause?: unknown): HarnessError {
  return new HarnessError('USAGE', `new-product: ${message}`, { hint: 'run `stalkerbench new-product --help`', ...(cause === undefined ? {} : { cause }) });
}

function parseNewProductArgs(argv: string[]): { apk: string; id: string | undefined; out: string | undefined; force: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { id: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } } });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), error);
  }
  const [apk, ...extra] = parsed.positionals;
  if (apk === undefined || extra.length > 0) throw usageError('takes exactly one APK file');
  const { id, out, force } = parsed.values;
  if (id !== undefined && !idSchema.safeParse(id).success) throw usageError(`--id ${JSON.stringify(id)}: ids use lower-case letters, digits and "-" (e.g. sentinel-mobile)`);
  return { apk, id, out, force: force ?? false };
}

/** A path as YAML stores it: relative, with forward slashes. */
function portablePath(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Writes the whole file or nothing: a temporary file beside it, then a hard link (fails when the
 * target exists) or, with --force, a rename over it.
 */
async function writeWhole(file: string, text: string, force: boolean, shown: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text, { flag: 'wx' });
  try {
    if (force) await rename(temporary, file);
    else await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new HarnessError('USAGE', `new-product: ${shown} exists already; not overwritten`, { hint: 'choose another --out or --id, or pass --force to replace it', cause: error });
    }
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function runNewProduct(argv: string[], io: CliIo): Promise<number> {
  const options = parseNewProductArgs(argv);
  const apkPath = resolve(io.cwd, options.apk);
  // An .apks split set: the base's identity, pinned by the whole archive's SHA-256; each APK listed in the scaffold.
  const archive = isApksArchive(apkPath) ? await readConfiguredApk({ file: apkPath, sha256: '' }) : undefined;
  const identity = archive === undefined ? await readApkIdentity(apkPath) : { ...archive.identity, path: apkPath, sha256: await hashFile(apkPath) };
  const id = options.id ?? suggestProfileId(identity);
  if (!idSchema.safeParse(id).success) throw usageError(`no usable id can be made from the label or package (${JSON.stringify(id)}): pass --id`);
  const out = resolve(io.cwd, options.out ?? `scenarios/products/${id}.yaml`);
  const shown = displayPathOf(out, io.cwd);
  if (!options.force && (await stat(out).catch(() => undefined)) !== undefined) {
    throw new HarnessError('USAGE', `new-product: ${shown} exists already; not overwritten`, { hint: 'choose another --out or --id, or pass --force to replace it' });
  }
  const text = scaffoldProfile({ identity, id, apkFile: portablePath(relative(dirname(out), apkPath)), profilePath: shown, ...(archive?.setFiles === undefined ? {} : { setFiles: archive.setFiles }) });
  const markers = findTodoMarkers(parseYaml(text));
  await writeWhole(out, text, options.force, shown);

  const accesses = listDeclaredAccesses(identity);
  io.stdout([
    `wrote ${shown}: a SCAFFOLD with ${markers.length} TODO markers, not a working profile yet`,
    `  package      ${identity.packageName}`,
    `  label        ${identity.label === undefined ? '(none)' : yamlScalar(identity.label)}`,
    `  version      ${identity.versionName ?? '(no versionName)'} (versionCode ${identity.versionCode})`,
    `  launcher     ${identity.launchableActivity ?? '(none)'}`,
    `  sha256       ${identity.sha256}`,
    `  permissions  ${identity.permissions.length}`,
    `  special      ${accesses.length === 0 ? 'none' : accesses.map((entry) => entry.access).filter((access, index, all) => all.indexOf(access) === index).join(', ')}`,
    '`stalkerbench validate` refuses it until every TODO is replaced. Next, with the app open on a device:',
    '  stalkerbench inspect-ui',
    `  stalkerbench try-flow ${shown} --flow onboarding --install --launch`,
    '',
  ].join('\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?'));
  return EXIT.ok;
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['new-product'],
  help: HELP,
  run: runNewProduct,
};
