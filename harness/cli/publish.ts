import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, HarnessError } from '../errors/index.ts';
import { publishRound, readPrivateKey, showName } from '../publish/index.ts';
import { REPORT_FILES, reportRoundFolder } from '../report/index.ts';
import { isStillRunning } from '../round/process-identity.ts';
import { readRuntimeRecord, RUNTIME_FILE } from '../round/runtime-record.ts';
import { HARNESS_VERSION } from '../version.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench publish <round-folder> --key <private.pem>

Seals a finished round folder so that readers can tell whether anything in it changed:
  1. hashes every file (results.jsonl, round.json, evidence, Appium logs, plan, disputes, …) into
     publication/record.json, the record the report is rendered from
  2. renders the report again (index.html shows the plan's and the record's SHA-256 and how to verify)
  3. writes publication/manifest.json: every file of the folder with its SHA-256 and size, the plan's
     and the record's hash and the key's fingerprint, and publication/manifest.sig, the Ed25519
     signature over the manifest's exact bytes
Prints the manifest's SHA-256: announce it with the public key (web page, mail to vendors).
Symbolic links are refused (a link can point outside and change later). A plan.json that no longer
matches plan.sha256 is refused. Publishing again replaces publication/ whole.

options:
  --key <file>  the lab's private key (stalkerbench keygen)
  -h, --help    show this help

exit codes:
  0  published
  2  round still running (ROUND_RUNNING), unfinished or without results (ROUND_UNFINISHED), a folder
     that cannot be sealed (PUBLICATION_INVALID), a bad key (KEY_INVALID), usage
  3  the files could not be written
`;

export const command: Command = {
  summary: COMMAND_SUMMARIES['publish'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv);
    if (positionals.length !== 1 || values.key === undefined) {
      throw new HarnessError('USAGE', 'publish takes one round folder and --key <private.pem>', { hint: 'run `stalkerbench publish --help`' });
    }
    const folder = resolve(io.cwd, positionals[0] ?? '');
    await refuseRunningRound(folder, positionals[0] ?? '');
    const privateKey = await readPrivateKey(resolve(io.cwd, values.key));
    const publication = await publishRound(folder, {
      privateKey,
      harnessVersion: HARNESS_VERSION,
      isReportOutput: (path) => path.startsWith('cases/') || (REPORT_FILES as readonly string[]).includes(path),
      renderReport: async (seal) => {
        await reportRoundFolder(folder, { seal: { recordSha256: seal.recordSha256, keyFingerprint: seal.keyFingerprint } });
      },
    });
    const { manifest } = publication;
    io.stderr(`sealed ${manifest.files.length} files of round ${showName(manifest.round.id)} with key ${manifest.key.fingerprint}\n`);
    if (manifest.plan) io.stderr(`plan SHA-256 ${manifest.plan.sha256}\n`);
    io.stderr(`record SHA-256 ${publication.recordSha256}\n`);
    io.stdout(`manifest SHA-256 ${publication.manifestSha256}\n`);
    return EXIT.ok;
  },
};

/** A run still writing the folder would change files after they are hashed. */
async function refuseRunningRound(folder: string, shown: string): Promise<void> {
  const existing = await readRuntimeRecord(folder).catch(() => undefined);
  if (existing === undefined) return;
  const runner = existing.record?.runner;
  if (runner === undefined || (await isStillRunning(runner))) {
    throw new HarnessError('ROUND_RUNNING', `${showName(shown)} is in use: a run of this round is still running${runner ? ` (pid ${runner.pid} on ${showName(runner.hostname)})` : ''}`, {
      hint: 'wait for the run to finish, then publish',
    });
  }
  throw new HarnessError('ROUND_UNFINISHED', `${showName(shown)} has the ${RUNTIME_FILE} of a run that was stopped before it finished`, {
    hint: 'finish the round with `stalkerbench run --resume` (it cleans up after the stopped run), then publish',
  });
}

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { key: { type: 'string' } } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench publish --help`' });
  }
}
