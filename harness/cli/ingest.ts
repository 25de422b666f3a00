import { parseArgs } from 'node:util';
import { displayPathOf } from '../config/index.ts';
import { EXIT, HarnessError } from '../errors/index.ts';
import { DEFAULT_MAX_SAMPLE_BYTES, formatIngestSummary, ingestFolder, LARGEST_MAX_SAMPLE_BYTES, type IngestOptions } from '../ingest/index.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const MIB = 1024 * 1024;

const HELP = `usage: stalkerbench ingest <folder> --indicators <ioc.yaml> [--watchware <watchware.yaml>]
                           [--hashes <samples.csv>] --catalogue <file.yaml> [--report <file.json>]
                           [--title <text>] [--max-mib <n>] [--dry-run]

Sample intake. Reads every file in <folder> and its sub-folders (never installs anything) and
writes or updates a sample catalogue:
  - identity from each APK: package, label, version, SHA-256, signing certificates;
  - family and kind (stalkerware / watchware) from stalkerware-indicators, by file hash
    (samples.csv), signing certificate or package, the strongest first, written in the entry's
    notes with the way it matched;
  - setup steps inferred from the manifest (runtime permissions, accessibility service,
    notification listener, device admin, hiding the launcher icon via root), marked REVIEW for a
    person: the sample's own setup screen is not in the manifest.
Apps no indicator names are listed as unknown and not catalogued (neither "clean" nor
stalkerware would be true). Non-APKs, damaged APKs, ZIP bombs and files past --max-mib are
rejected with the reason; files with the same SHA-256 are folded; symbolic links are not
followed. An existing catalogue is merged by SHA-256: hand edits of its entries (id, label,
setup, notes) are kept. The catalogue and the side report (unknown, rejected and duplicate
files, as JSON) are written atomically.

options:
  --indicators <file>  ioc.yaml of stalkerware-indicators (required; may be repeated)
  --watchware <file>   watchware.yaml of the same data set (visible monitoring apps)
  --hashes <file>      samples.csv of the same data set (SHA256,Package Name,Certificate,Version,App)
  --catalogue <file>   the catalogue to write or update (required)
  --report <file>      the side report (default: the catalogue's name with .ingest.json)
  --title <text>       title of a new catalogue
  --max-mib <n>        largest file read, in MiB (default ${DEFAULT_MAX_SAMPLE_BYTES / MIB}, at most ${LARGEST_MAX_SAMPLE_BYTES / MIB})
  --dry-run            print the summary, write nothing
  -h, --help           show this help

exit codes:
  0  the catalogue was written (or would be, with --dry-run); rejected files are listed, not errors
  2  bad input: missing folder, malformed indicators or catalogue, no known sample, bad arguments
  3  unexpected failure
`;

function usageError(message: string, cause?: unknown): HarnessError {
  return new HarnessError('USAGE', `ingest: ${message}`, { hint: 'run `stalkerbench ingest --help`', ...(cause === undefined ? {} : { cause }) });
}

function parseIngestArgs(argv: string[], cwd: string): IngestOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        indicators: { type: 'string', multiple: true }, watchware: { type: 'string', multiple: true }, hashes: { type: 'string' },
        catalogue: { type: 'string' }, report: { type: 'string' }, title: { type: 'string' },
        'max-mib': { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), error);
  }
  const { values, positionals } = parsed;
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0) throw usageError('takes exactly one folder');
  if (values.indicators === undefined) {
    throw new HarnessError('USAGE', 'ingest needs --indicators <ioc.yaml>', { hint: 'get ioc.yaml from github.com/AssoEchap/stalkerware-indicators' });
  }
  if (values.catalogue === undefined) throw usageError('needs --catalogue <file.yaml> (written, or merged when it exists)');
  if (!/\.ya?ml$/i.test(values.catalogue)) throw usageError('--catalogue must name a .yaml file');
  const maxMib = values['max-mib'] === undefined ? DEFAULT_MAX_SAMPLE_BYTES / MIB : Number(values['max-mib']);
  if (!Number.isInteger(maxMib) || maxMib < 1 || maxMib * MIB > LARGEST_MAX_SAMPLE_BYTES) {
    throw usageError(`--max-mib takes a whole number from 1 to ${LARGEST_MAX_SAMPLE_BYTES / MIB}`);
  }
  return {
    folder, indicators: [...values.indicators, ...(values.watchware ?? [])], hashes: values.hashes, catalogue: values.catalogue,
    report: values.report, title: values.title, maxBytes: maxMib * MIB, dryRun: values['dry-run'], cwd,
  };
}

async function runIngest(argv: string[], io: CliIo): Promise<number> {
  const options = parseIngestArgs(argv, io.cwd);
  const outcome = await ingestFolder(options);
  io.stdout(formatIngestSummary({
    folder: displayPathOf(outcome.folder, io.cwd),
    catalogue: displayPathOf(outcome.catalogue, io.cwd),
    scan: outcome.scan,
    merge: outcome.merge,
    written: outcome.written ? { catalogue: displayPathOf(outcome.catalogue, io.cwd), report: displayPathOf(outcome.report, io.cwd) } : undefined,
  }));
  return EXIT.ok;
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['ingest'],
  help: HELP,
  run: runIngest,
};
