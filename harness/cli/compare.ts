import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, HarnessError } from '../errors/index.ts';
import { writeFileAtomic } from '../results/index.ts';
import { buildReportModel, compareRounds, loadRoundFolder, renderComparisonMarkdown } from '../report/index.ts';
import type { Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench compare <old-round> <new-round> [--json] [--markdown <file>] [--fail-on-regression]

Compares two round folders product by product: samples newly missed (regressions), newly
detected, alerts lost or gained, new or fixed false positives, product version changes.
Cells are matched by product id, sample id and mode; a side that errored or did not run is
listed as not comparable, never as a regression. A cell with a verdict before that now needs
a person's review (its match also fits another app) or is a product error (the product crashed
or stopped responding) is listed as "changed, needs review", never as a regression.
Cells use the decided verdicts: a claim upheld in a round's disputes.yaml replaces the recorded
verdict, and a retested case (run --retest) is decided by its newest final attempt; the output
says how many of each. Prints Markdown to stdout by default.

options:
  --json                  print the comparison as JSON instead of Markdown
  --markdown <file>       also write the Markdown to <file>
  --fail-on-regression    exit 1 when any product has a regression (for a vendor's CI)
  -h, --help              show this help

exit codes:
  0  compared (no regression, or --fail-on-regression not given)
  1  --fail-on-regression and at least one regression
  2  bad input, nothing written: a folder or round.json missing or invalid
     (REPORT_INPUT_INVALID), results.jsonl corrupt (RESULTS_CORRUPT), usage
`;

export const command: Command = {
  summary: COMMAND_SUMMARIES['compare'],
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv);
    if (positionals.length !== 2) {
      throw new HarnessError('USAGE', `compare takes two round folders, got ${positionals.length}`, { hint: 'run `stalkerbench compare --help`' });
    }
    const [oldFolder, newFolder] = positionals.map((folder) => resolve(io.cwd, folder));
    // Both rounds are read and checked before anything is printed or written.
    const before = buildReportModel(await loadRoundFolder(oldFolder ?? '', { evidence: false }));
    const after = buildReportModel(await loadRoundFolder(newFolder ?? '', { evidence: false }));
    const comparison = compareRounds(before, after);
    const markdown = renderComparisonMarkdown(comparison);
    if (values.markdown !== undefined) await writeFileAtomic(resolve(io.cwd, values.markdown), markdown);
    io.stdout(values.json === true ? `${JSON.stringify(comparison, null, 2)}\n` : markdown);
    const review = comparison.products.reduce((sum, product) => sum + product.changedNeedsReview.length, 0);
    if (review > 0) io.stderr(`${review} cell(s) changed from a verdict to needs review or product error (not regressions)\n`);
    if (comparison.regressionCount > 0) {
      io.stderr(`${comparison.regressionCount} regression(s) from ${comparison.before.id} to ${comparison.after.id}\n`);
      if (values['fail-on-regression'] === true) return EXIT.regression;
    }
    return EXIT.ok;
  },
};

function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, markdown: { type: 'string' }, 'fail-on-regression': { type: 'boolean' } },
    });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench compare --help`' });
  }
}
