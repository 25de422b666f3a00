import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, HarnessError } from '../errors/index.ts';
import { showName, writeKeyPair } from '../publish/index.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench keygen <name> [--output <dir>]

Makes the lab's Ed25519 signing key pair (node:crypto) for \`stalkerbench publish\`:
  <name>.private.pem   PKCS #8, readable by its owner only (mode 0600): keep it off shared disks
  <name>.public.pem    SPKI: publish it, readers pass it to \`stalkerbench verify\`
An existing key file is never overwritten. Prints both paths and the key's fingerprint.

options:
  --output <dir>  folder for the two files (created when missing) @default the current folder
  -h, --help      show this help

exit codes:
  0  key pair written
  2  a key file of that name exists (KEY_EXISTS), bad name, usage
  3  the files could not be written
`;

export const command: Command = {
  summary: COMMAND_SUMMARIES['keygen'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv);
    if (positionals.length !== 1) {
      throw new HarnessError('USAGE', `keygen takes one key name, got ${positionals.length}`, { hint: 'run `stalkerbench keygen --help`' });
    }
    const dir = resolve(io.cwd, values.output ?? '.');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const pair = await writeKeyPair(dir, positionals[0] ?? '');
    io.stdout(`${showName(pair.privatePath)}\n${showName(pair.publicPath)}\n`);
    io.stderr(`key ${pair.fingerprint}: keep ${showName(pair.privatePath)} private; give readers ${showName(pair.publicPath)}\n`);
    return EXIT.ok;
  },
};

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { output: { type: 'string' } } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench keygen --help`' });
  }
}
