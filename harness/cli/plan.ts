import path from 'node:path';
import { parseArgs } from 'node:util';
import { displayPathOf, hashFile } from '../config/index.ts';
import { EXIT, HarnessError } from '../errors/index.ts';
import { buildPlan, PLAN_FILES, serializePlan, writePlan } from '../plan/index.ts';
import { HARNESS_VERSION } from '../version.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';
import { checkRound } from './validate.ts';

const HELP = `usage: stalkerbench plan <round.yaml> [--output <dir>] [--with-hashes] [--date <iso>] [--replace]
                         [--emulator-configs <dir>]

Writes the round's test plan, to publish before testing: plan.json (for machines and diffs),
plan.md (for people) and plan.sha256 (the SHA-256 of plan.json, which the final report cites).
It holds the products with their versions (read from their APKs) and APK hashes, the modes, the
sample families and counts, the criteria for detected / alerted / false positive / remediated,
timeouts, retries, devices and dates. The round is checked first as \`validate\` checks it.
The same round gives the same bytes; only \`generatedAt\` changes, and --date pins it.

options:
  --output <dir>            where to write (default: the round's output folder)
  --with-hashes             list every sample's SHA-256 (default: withheld until publication)
  --date <iso>              the plan's generatedAt, e.g. 2026-07-01 or 2026-07-01T09:00:00Z (default: now)
  --replace                 replace a different plan.json already in the folder (only if it was never published)
  --emulator-configs <dir>  device profiles folder (default: the nearest emulator-configs/ above the round)
  -h, --help                show this help

exit codes:
  0  the plan was written (or was already there, byte for byte)
  2  bad input: an invalid round, a different plan already in the folder, bad arguments
  3  unexpected failure
`;

interface PlanArgs {
  file: string;
  output: string | undefined;
  withHashes: boolean;
  date: string | undefined;
  replace: boolean;
  emulatorConfigs: string | undefined;
}

function parsePlanArgs(argv: string[]): PlanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        output: { type: 'string' }, 'with-hashes': { type: 'boolean', default: false }, date: { type: 'string' },
        replace: { type: 'boolean', default: false }, 'emulator-configs': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new HarnessError('USAGE', `plan: ${error instanceof Error ? error.message : String(error)}`, { hint: 'run `stalkerbench plan --help`', cause: error });
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    throw new HarnessError('USAGE', 'plan takes exactly one round file', { hint: 'stalkerbench plan scenarios/rounds/demo.yaml' });
  }
  const { values } = parsed;
  return {
    file, output: values.output, withHashes: values['with-hashes'], date: values.date, replace: values.replace, emulatorConfigs: values['emulator-configs'],
  };
}

/** `2026-07-01` stays a date; a date-time becomes UTC ISO; anything else is a usage error. */
export function normaliseDate(text: string | undefined, now: Date): string {
  if (text === undefined) return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))) return text;
  const parsed = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    throw new HarnessError('USAGE', `plan: --date '${text}' is not an ISO date or date-time`, { hint: 'e.g. --date 2026-07-01 or --date 2026-07-01T09:00:00Z' });
  }
  return parsed.toISOString().replace(/\.000Z$/, 'Z');
}

async function runPlan(argv: string[], io: CliIo): Promise<number> {
  const args = parsePlanArgs(argv);
  const generatedAt = normaliseDate(args.date, new Date());
  const { round, identities } = await checkRound(args.file, io.cwd, args.emulatorConfigs);
  const files = [round.file, ...round.products.map((product) => product.profileFile), ...new Set(round.samples.map((sample) => sample.catalogue))];
  const fileHashes = new Map(await Promise.all(files.map(async (file) => [file, await hashFile(file)] as const)));
  const plan = buildPlan({ round, identities, fileHashes, generatedAt, withHashes: args.withHashes, harnessVersion: HARNESS_VERSION });
  const serialized = serializePlan(plan);
  const dir = args.output === undefined ? round.output.dir : path.resolve(io.cwd, args.output);
  const result = await writePlan(dir, serialized, { replace: args.replace, cwd: io.cwd });
  const shown = displayPathOf(dir, io.cwd);
  io.stdout(`plan of round ${round.id} ${result === 'written' ? 'written to' : 'unchanged in'} ${shown}: ${PLAN_FILES.json}, ${PLAN_FILES.markdown}, ${PLAN_FILES.sha256}\n`);
  io.stdout(`  ${plan.products.length} products, ${plan.samples.total} samples in ${plan.samples.families.length} families, ${plan.cases.total} cases; sample hashes ${plan.samples.hashes === null ? 'withheld' : 'listed'}\n`);
  io.stdout(`SHA-256 ${serialized.sha256}  ${PLAN_FILES.json}\n`);
  return EXIT.ok;
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['plan'],
  help: HELP,
  run: runPlan,
};
