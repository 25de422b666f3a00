import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, HarnessError } from '../errors/index.ts';
import { readPublicKey, showName, verifyPublication, type FileChange } from '../publish/index.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench verify <published-folder> --key <public.pem>

Checks a folder sealed by \`stalkerbench publish\`: the Ed25519 signature over
publication/manifest.json with the lab's public key, then every file's SHA-256 and size.
Prints each file changed, added or removed (names escaped: control, bidi and invisible characters
as \\u{…}), then the manifest's, the record's and the plan's SHA-256 to compare with the ones the
lab announced and the report shows.

options:
  --key <file>  the lab's public key (<name>.public.pem from stalkerbench keygen)
  -h, --help    show this help

exit codes:
  0  intact: every file is the one sealed, nothing added or removed
  1  something was changed, added or removed (listed)
  2  bad input: no publication, a manifest that is not the signed one, the wrong key (PUBLICATION_INVALID),
     not an Ed25519 public key (KEY_INVALID), usage
`;

/** Exit code when the folder differs from its manifest. */
const EXIT_TAMPERED = 1;

export const command: Command = {
  summary: COMMAND_SUMMARIES['verify'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv);
    if (positionals.length !== 1 || values.key === undefined) {
      throw new HarnessError('USAGE', 'verify takes one published folder and --key <public.pem>', { hint: 'run `stalkerbench verify --help`' });
    }
    const publicKey = await readPublicKey(resolve(io.cwd, values.key));
    const outcome = await verifyPublication(resolve(io.cwd, positionals[0] ?? ''), publicKey);
    const lines: string[] = [];
    const list = (word: string, changes: readonly FileChange[]) => {
      for (const change of changes) lines.push(`${word} ${showName(change.path)}  (${change.detail})`);
    };
    list('changed', outcome.changed);
    list('added  ', outcome.added);
    list('removed', outcome.removed);
    const { manifest } = outcome;
    const count = outcome.changed.length + outcome.added.length + outcome.removed.length;
    lines.push(
      count === 0
        ? `intact: ${manifest.files.length} files of round ${showName(manifest.round.id)} as sealed on ${manifest.publishedAt}`
        : `NOT INTACT: ${outcome.changed.length} changed, ${outcome.added.length} added, ${outcome.removed.length} removed since round ${showName(manifest.round.id)} was sealed on ${manifest.publishedAt}`,
      `signed by  ${manifest.key.fingerprint}`,
      `manifest SHA-256 ${outcome.manifestSha256}`,
      `record SHA-256   ${manifest.record.sha256}`,
      `plan SHA-256     ${manifest.plan?.sha256 ?? '(no plan)'}`,
    );
    io.stdout(`${lines.join('\n')}\n`);
    return count === 0 ? EXIT.ok : EXIT_TAMPERED;
  },
};

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { key: { type: 'string' } } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench verify --help`' });
  }
}
