import { parseArgs } from 'node:util';
import type { ApkIdentity } from '../apk/index.ts';
import { countCases, displayPathOf, loadRound, protocolsFor, type ResolvedRound } from '../config/index.ts';
import { verifyRoundInputs } from '../round/verify-inputs.ts';
import { EXIT, HarnessError } from '../errors/index.ts';
import type { CliIo, Command } from './command.ts';
import { checkOutputDir } from './check-output-dir.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench validate <round.yaml> [--emulator-configs <dir>]

Checks a round without touching a device: the round, every product profile, sample catalogue and
emulator profile it names against their schemas (every problem at once, as file:line field: what
is wrong); every referenced APK exists; every SHA-256 pin matches the file; every APK declares the
package its profile or catalogue says. Prints a summary of the round on success.

options:
  --emulator-configs <dir>  device profiles folder (default: the nearest emulator-configs/ above the round)
  -h, --help                show this help

exit codes:
  0  the round is valid
  2  bad input: schema problem, undefined reference, missing file, SHA-256 mismatch, package
     mismatch, unreadable APK, bad arguments (nothing is written)
  3  unexpected failure (reading files)
`;

/** What `validate` learnt about a round: the round itself and the identity read from each APK. */
export interface CheckedRound {
  round: ResolvedRound;
  /** Keyed by absolute APK path. */
  identities: Map<string, ApkIdentity>;
}

/**
 * Loads a round and checks every APK it names: exists, matches its SHA-256 pin, declares the
 * package it is listed with. Every problem is reported together.
 */
export async function checkRound(file: string, cwd: string, emulatorConfigsDir?: string): Promise<CheckedRound> {
  const round = await loadRound(file, emulatorConfigsDir === undefined ? { cwd } : { cwd, emulatorConfigsDir });
  await checkOutputDir(round.output.dir, { namedBy: `${displayPathOf(round.file, cwd)} output.dir`, cwd, probe: false });
  const { byFile } = await verifyRoundInputs(round, cwd);
  return { round, identities: byFile };
}

/** The short description of a valid round that `validate` and `demo` print. */
export function formatRoundSummary({ round, identities }: CheckedRound, cwd: string): string {
  const lines = [`round ${round.id}: ${round.title} (${displayPathOf(round.file, cwd)})`];
  if (round.dates) lines.push(`  dates       ${round.dates.start}${round.dates.end === undefined ? '' : ` to ${round.dates.end}`}`);
  lines.push(`  products    ${round.products.length}`);
  for (const product of round.products) {
    const version = identities.get(product.apk.file)?.versionName;
    lines.push(`    ${product.id.padEnd(16)} ${product.name}${version === undefined ? '' : ` ${version}`} by ${product.vendor} (${product.package})`);
  }
  const kinds = ['stalkerware', 'watchware', 'clean'] as const;
  const byKind = kinds.map((kind) => `${round.samples.filter((sample) => sample.kind === kind).length} ${kind}`).join(', ');
  lines.push(`  samples     ${round.samples.length} (${byKind})`);
  for (const sample of round.samples) {
    lines.push(`    ${sample.id.padEnd(28)} ${sample.kind.padEnd(11)} ${sample.family.padEnd(14)} ${sample.package}`);
  }
  const deviceCount = round.devices.kind === 'emulators' ? round.devices.profiles.length : 1;
  if (round.devices.kind === 'emulators') {
    const described = round.devices.profiles.map((profile) => `${profile.name} (API ${profile.apiLevel}, ${profile.instances} instance${profile.instances === 1 ? '' : 's'})`);
    lines.push(`  devices     ${described.join(', ')}`);
  } else {
    lines.push(`  devices     physical: ${round.devices.serials.join(', ')}${round.devices.allowSamples ? ' (samples allowed)' : ''}`);
  }
  lines.push(`  modes       ${round.modes.join(', ')}`);
  const cases = countCases({ products: round.products, samples: round.samples, modes: round.modes, repetitions: round.repetitions, deviceProfiles: deviceCount });
  const sampleRuns = round.samples.reduce((sum, sample) => sum + protocolsFor(sample.kind, round.modes).length, 0);
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(`  cases       ${cases} = ${plural(round.products.length, 'product')} × ${plural(deviceCount, 'device profile')} × ${plural(round.repetitions, 'repetition')} × ${plural(sampleRuns, 'sample run')}`);
  lines.push(`  concurrency ${round.concurrency}; infra retries ${round.retries.infra}; appium ${round.appium === 'local' ? 'local' : round.appium.urls.join(', ')}`);
  const limits = Object.entries(round.limits);
  if (limits.length > 0) lines.push(`  limits      ${limits.map(([id, limit]) => `${id} on at most ${limit.maxDevices} device(s) at once`).join('; ')}`);
  lines.push(`  output      ${displayPathOf(round.output.dir, cwd)}`);
  return `${lines.join('\n')}\n`;
}

function parseValidateArgs(argv: string[]): { file: string; emulatorConfigs: string | undefined } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { 'emulator-configs': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new HarnessError('USAGE', `validate: ${error instanceof Error ? error.message : String(error)}`, { hint: 'run `stalkerbench validate --help`', cause: error });
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    throw new HarnessError('USAGE', 'validate takes exactly one round file', { hint: 'stalkerbench validate scenarios/rounds/demo.yaml' });
  }
  return { file, emulatorConfigs: parsed.values['emulator-configs'] };
}

async function runValidate(argv: string[], io: CliIo): Promise<number> {
  const { file, emulatorConfigs } = parseValidateArgs(argv);
  const checked = await checkRound(file, io.cwd, emulatorConfigs);
  io.stdout(formatRoundSummary(checked, io.cwd));
  io.stdout('valid: every file exists, every SHA-256 pin matches, every APK declares its package\n');
  return EXIT.ok;
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['validate'],
  help: HELP,
  run: runValidate,
};
