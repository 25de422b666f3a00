import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, HarnessError } from '../errors/index.ts';
import { reportRoundFolder } from '../report/index.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench report <round-folder> [--out <dir>]

Renders a round's report from round.json, results.jsonl and evidence/ in the round folder:
  index.html    self-contained page: matrix, rates with 95 % intervals, what decided each case, method
  cases/        one page per case with evidence: screenshots, UI and notification dumps, logcat,
                earlier attempts, and the parts of the Appium log written while it ran
  report.md     matrix and per-product tables in Markdown, ready to paste
  matrix.csv    samples × (product, mode), one symbol and word per cell
  results.csv   one row per case with every outcome field and what decided it
  junit.xml     one testsuite per product, one testcase per sample × mode
  summary.json  the figures, machine-readable
Prints the path of each file written, one per line, then the cases/ folder (when it has pages).

options:
  --out <dir>   write into <dir> instead of the round folder (evidence links point back to it)
  -h, --help    show this help

exit codes:
  0  report written
  2  bad input, nothing written: round folder or round.json missing or invalid
     (REPORT_INPUT_INVALID), results.jsonl corrupt before its last line (RESULTS_CORRUPT), usage
  3  the files could not be written
`;

export const command: Command = {
  summary: COMMAND_SUMMARIES['report'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv);
    if (positionals.length !== 1) {
      throw new HarnessError('USAGE', `report takes one round folder, got ${positionals.length}`, { hint: 'run `stalkerbench report --help`' });
    }
    const folder = resolve(io.cwd, positionals[0] ?? '');
    const out = values.out === undefined ? folder : resolve(io.cwd, values.out);
    const written = await reportRoundFolder(folder, { out });
    for (const note of written.notes) io.stderr(`note: ${note}\n`);
    io.stdout(`${written.paths.join('\n')}\n`);
    return EXIT.ok;
  },
};

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { out: { type: 'string' } } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench report --help`' });
  }
}
