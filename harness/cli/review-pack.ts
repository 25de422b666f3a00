import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, HarnessError } from '../errors/index.ts';
import { showName } from '../publish/index.ts';
import { readRoundFile } from '../results/index.ts';
import { buildReviewPack } from '../review/index.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench review-pack <round-folder> --product <id> [--output <dir>]

Writes one vendor's review pack, a folder and <folder>.zip, holding only that product's cases:
its results lines, round.json reduced to it, the report rendered from its cases alone, their
evidence, the sample hashes and families (never the APKs), the method, and the plan and the
Appium log parts of its cases when they name no other vendor (else withheld, said in README.txt).
Every file is searched for the other products' ids, packages, names, vendors and APK hashes.
Prints the folder and the zip.

options:
  --product <id>  the product (round.json products[].id)
  --output <dir>  folder to create @default review-<round id>-<product id> in the current folder
  -h, --help      show this help

exit codes:
  0  pack written
  2  unknown product, output exists, unfinished round (ROUND_UNFINISHED), a file that would show
     another vendor (REVIEW_PACK_LEAK), round folder invalid (REPORT_INPUT_INVALID), usage
  3  the files could not be written
`;

export const command: Command = {
  summary: COMMAND_SUMMARIES['review-pack'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv);
    if (positionals.length !== 1 || values.product === undefined) {
      throw new HarnessError('USAGE', 'review-pack takes one round folder and --product <id>', { hint: 'run `stalkerbench review-pack --help`' });
    }
    const folder = resolve(io.cwd, positionals[0] ?? '');
    const roundId = (await readRoundFile(folder)).round.id;
    const out = resolve(io.cwd, values.output ?? `review-${roundId}-${values.product}`.replace(/[^A-Za-z0-9._-]/g, '_'));
    const pack = await buildReviewPack(folder, { productId: values.product, out });
    for (const item of pack.withheld) io.stderr(`withheld ${showName(item.path)}: ${item.reason}\n`);
    io.stdout(`${showName(pack.folder)}\n${showName(pack.zip)}\n`);
    return EXIT.ok;
  },
};

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { product: { type: 'string' }, output: { type: 'string' } } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench review-pack --help`' });
  }
}
