import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readApkIdentity } from '../apk/index.ts';
import { displayPathOf } from '../config/index.ts';
import { EXIT, exitCodeFor, formatError, HarnessError } from '../errors/index.ts';
import { identifyApp, indexIndicators, loadIndicators, type IndicatorMatch } from '../indicators/index.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench identify <apk…> --indicators <ioc.yaml> [--watchware <watchware.yaml>] [--json]

Matches APK files against the stalkerware-indicators data
(https://github.com/AssoEchap/stalkerware-indicators): by package name and by signing-certificate
SHA-1, so a renamed package signed with a known key is still found. Reads the APKs directly; no
device is needed.

options:
  --indicators <file>  ioc.yaml of stalkerware-indicators (required)
  --watchware <file>   watchware.yaml of the same data set (visible monitoring apps)
  --json               print a JSON array, one object per APK in argument order
  -h, --help           show this help

exit codes:
  0  every APK was read (whether or not it matched)
  2  bad input: missing or malformed indicators file, missing file, not an APK, bad arguments
  3  unexpected failure
`;

export interface Identification {
  path: string;
  packageName: string;
  label: string | null;
  certificateSha1s: string[];
  matches: IndicatorMatch[];
}

/** Text from an APK may be hostile: no control characters reach the terminal. */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatIdentification(item: Identification, cwd: string): string {
  const lines = [sanitize(displayPathOf(item.path, cwd))];
  lines.push(`  package      ${sanitize(item.packageName)}`);
  lines.push(`  label        ${item.label === null ? '(none)' : sanitize(item.label)}`);
  for (const sha1 of item.certificateSha1s) lines.push(`  certificate  SHA-1 ${sha1}`);
  if (item.matches.length === 0) lines.push('  no match in the indicators');
  for (const match of item.matches) lines.push(`  match        ${sanitize(match.family)} (${match.type}) by ${match.matchedBy}`);
  return `${lines.join('\n')}\n`;
}

function parseIdentifyArgs(argv: string[]): { paths: string[]; indicators: string; watchware: string | undefined; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { indicators: { type: 'string' }, watchware: { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new HarnessError('USAGE', `identify: ${error instanceof Error ? error.message : String(error)}`, { hint: 'run `stalkerbench identify --help`', cause: error });
  }
  const { indicators, watchware, json } = parsed.values;
  if (indicators === undefined) {
    throw new HarnessError('USAGE', 'identify needs --indicators <ioc.yaml>', { hint: 'get ioc.yaml from github.com/AssoEchap/stalkerware-indicators' });
  }
  if (parsed.positionals.length === 0) {
    throw new HarnessError('USAGE', 'identify needs at least one APK path', { hint: 'run `stalkerbench identify --help`' });
  }
  return { paths: parsed.positionals, indicators, watchware, json };
}

async function runIdentify(argv: string[], io: CliIo): Promise<number> {
  const args = parseIdentifyArgs(argv);
  const entries = [
    ...(await loadIndicators(args.indicators, { cwd: io.cwd })),
    ...(args.watchware === undefined ? [] : await loadIndicators(args.watchware, { cwd: io.cwd })),
  ];
  const index = indexIndicators(entries);
  const results: Identification[] = [];
  const failures: unknown[] = [];
  // Every APK is read even when one fails, so one bad file does not hide the others.
  for (const path of args.paths) {
    try {
      const identity = await readApkIdentity(resolve(io.cwd, path));
      const certificateSha1s = identity.signing.certificates.map((certificate) => certificate.sha1);
      results.push({
        path: identity.path,
        packageName: identity.packageName,
        label: identity.label ?? null,
        certificateSha1s,
        matches: identifyApp(index, { packageName: identity.packageName, certificateSha1s }),
      });
    } catch (error) {
      failures.push(error);
    }
  }
  io.stdout(args.json ? `${JSON.stringify(results, null, 2)}\n` : results.map((item) => formatIdentification(item, io.cwd)).join('\n'));
  for (const failure of failures) io.stderr(`${formatError(failure)}\n`);
  return failures.length === 0 ? EXIT.ok : Math.max(...failures.map(exitCodeFor));
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['identify'],
  help: HELP,
  run: runIdentify,
};
