import { parseArgs } from 'node:util';
import { join, relative, resolve } from 'node:path';
import { EXIT, HarnessError, exitCodeFor, formatError } from '../errors/index.ts';
import { loadRoundFolder, renderReport, writeReportFiles } from '../report/index.ts';
import { LineReporter, LiveReporter, LogFileReporter, parseProductOverrides, runRound, type RoundOverrides, type RoundReporter } from '../round/index.ts';
import type { CliIo, Command } from './command.ts';
import { checkRunOutput } from './check-output-dir.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench run <round.yaml> [--resume] [--retest <case id,…>] [--products <id,…>] [--product <id>=<apk>]... [--output <dir>]

Runs a test round: verifies every APK's pinned SHA-256 before touching a device, boots the
emulators of the round's device profiles from $ANDROID_HOME/emulator/emulator (real SDK or the
virtual one), prepares a clean snapshot, and runs every product × sample × mode case on a device
restored to it, through a local Appium server (or the round's Appium URLs).

Results go to the round's output folder (default reports/<round id>/): round.json, results.jsonl
(one line per attempt, written durably), evidence/, round.log, appium.log. When the round ends, its
report is rendered there too (index.html, report.md, matrix.csv, results.csv, junit.xml,
summary.json; see \`stalkerbench report\`).

options:
  --resume                continue an interrupted round in its folder; finished cases are not run again
  --retest <case id,…>    run these cases of the round's folder again as new attempts (a lab's
                          decision on a vendor's dispute); earlier attempts stay in results.jsonl,
                          the newest final attempt decides and the report marks the case retested;
                          comma-separated or repeated; implies --resume
  --product <id>=<apk>    test this APK as product <id> instead of the one its profile names (a
                          vendor's pre-release build in CI): it is pinned to the SHA-256 it has now,
                          must declare the profile's package, and is recorded in round.json; repeatable
  --products <id,…>       run only these products' cases (the samples, modes and devices stay)
  --output <dir>          write results and report to <dir> instead of the round's output.dir
  -h, --help              this text

A vendor's CI gate: run the round with --products <id> --product <id>=<new build> --output <new folder>, then
\`stalkerbench compare <baseline folder> <new folder> --fail-on-regression\`.

Ctrl+C once stops the round cleanly (finished cases are kept; run again with --resume); twice kills it.

environment: STALKERBENCH_PORT_BASE=<port> puts the round's local ports (emulators, adb server,
  Appium, UiAutomator2) in a block of 400 from there, for several rounds on one machine at once.

exit codes: 0 round finished (or was already finished), 2 bad input (nothing was run),
            3 infrastructure failure (or the report could not be rendered), 130 interrupted
`;

export interface RunCliHooks {
  /** Extra reporters (tests). */
  reporters?: RoundReporter[];
  signal?: AbortSignal;
}

export interface ExecuteRoundOptions {
  /** Absolute path of the round file. */
  roundFile: string;
  resume: boolean;
  /** `--retest`: case ids to run again. @default [] */
  retest?: readonly string[];
  io: CliIo;
  hooks?: RunCliHooks;
  overrides?: RoundOverrides;
  /** Render the report again when the round was already finished (`demo`). @default false */
  renderFinished?: boolean;
}

export interface ExecutedRound {
  exitCode: number;
  outputDir: string;
  alreadyFinished: boolean;
  /** Path of the rendered index.html, when the report was rendered. */
  indexHtml: string | undefined;
}

/**
 * Renders the report of a round folder (index.html, report.md, CSV, JUnit, summary.json) next to its
 * results, as `stalkerbench report <folder>` does, and prints the paths. Returns index.html's path.
 */
export async function renderRoundReport(outputDir: string, io: CliIo): Promise<string> {
  const input = await loadRoundFolder(outputDir);
  for (const note of input.notes ?? []) io.stderr(`note: ${note}\n`);
  const paths = await writeReportFiles(outputDir, renderReport(input));
  const shown = (path: string): string => relative(io.cwd, path) || path;
  io.stdout(`report: ${paths.map(shown).join(', ')}\n`);
  return paths.find((path) => path.endsWith('index.html')) ?? join(outputDir, 'index.html');
}

/**
 * Runs a round with Ctrl+C handling and progress reporters, then renders its report. Shared by `run`
 * and `demo`. A finished round is not run again; an interrupted one is left for `--resume`.
 */
export async function executeRound(options: ExecuteRoundOptions): Promise<ExecutedRound> {
  const { io, hooks = {} } = options;
  const controller = new AbortController();
  let interrupts = 0;
  let forceStop: (() => Promise<void>) | undefined;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      io.stderr('\nstopping the round: tearing down devices (Ctrl+C again to kill)\n');
      controller.abort(new HarnessError('CANCELLED', 'interrupted by the user'));
    } else if (interrupts === 2 && forceStop) {
      // The adb server left the process group when it daemonised: stop it (and the emulators and
      // Appium) before exiting, within a few seconds; a third Ctrl+C exits at once.
      io.stderr('killing the round: stopping its adb server, emulators and Appium (Ctrl+C again to exit now)\n');
      const exit = (): never => process.exit(EXIT.interrupted);
      setTimeout(exit, 15_000);
      void forceStop().catch(() => undefined).finally(exit);
    } else {
      process.exit(EXIT.interrupted);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const logFile = new LogFileReporter(io.cwd);
  // A live view only on an interactive terminal; CI logs and pipes get one line per case.
  const live = process.stdout.isTTY === true && io.env['CI'] === undefined && hooks.reporters === undefined;
  const progress: RoundReporter = live
    ? new LiveReporter({ write: io.stdout, columns: process.stdout.columns || 100 })
    : new LineReporter(io.stdout);
  let result;
  try {
    const signal = hooks.signal ? AbortSignal.any([hooks.signal, controller.signal]) : controller.signal;
    result = await runRound({
      roundFile: options.roundFile, cwd: io.cwd, env: io.env, resume: options.resume, retest: options.retest ?? [],
      reporters: [progress, logFile, ...(hooks.reporters ?? [])], signal, onForceStop: (stop) => { forceStop = stop; },
      ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const shownDir = relative(io.cwd, result.outputDir) || result.outputDir;
  const executed = { outputDir: result.outputDir, alreadyFinished: result.alreadyFinished, indexHtml: undefined };
  if (result.alreadyFinished) {
    io.stdout(`round already finished: every case has a final result in ${shownDir} (nothing to run)\n`);
    if (!options.renderFinished) return { ...executed, exitCode: EXIT.ok };
  } else if (result.interrupted) {
    const again = [
      // A retest's unfinished case still has its earlier final attempt: --resume alone would skip it.
      ...(options.retest === undefined || options.retest.length === 0 ? [] : [`--retest ${options.retest.join(',')}`]),
      ...(options.overrides?.onlyProducts === undefined ? [] : [`--products ${options.overrides.onlyProducts.join(',')}`]),
      ...[...(options.overrides?.productApks ?? [])].map(([id, file]) => `--product ${id}=${relative(io.cwd, file) || file}`),
      ...(options.overrides?.outputDir === undefined ? [] : [`--output ${shownDir}`]),
    ].map((flag) => ` ${flag}`).join('');
    io.stdout(`round interrupted: finished cases are kept in ${shownDir}; continue with \`stalkerbench run --resume ${relative(io.cwd, options.roundFile) || options.roundFile}${again}\`\n`);
    return { ...executed, exitCode: EXIT.interrupted };
  }
  try {
    return { ...executed, exitCode: EXIT.ok, indexHtml: await renderRoundReport(result.outputDir, io) };
  } catch (error) {
    // The results are complete and durable; only the rendering failed, and it can be redone alone.
    io.stderr(`${formatError(error)}\nthe round's results are complete in ${shownDir}; render the report again with \`stalkerbench report ${shownDir}\`\n`);
    return { ...executed, exitCode: exitCodeFor(error) };
  }
}

export async function runCommand(argv: string[], io: CliIo, hooks: RunCliHooks = {}): Promise<number> {
  const { values, positionals } = parseRunArgs(argv);
  const [roundFile, ...extra] = positionals;
  if (!roundFile || extra.length > 0) {
    throw new HarnessError('USAGE', 'run takes exactly one round file', { hint: 'stalkerbench run scenarios/rounds/demo.yaml' });
  }
  const productApks = new Map([...parseProductOverrides(values.product ?? [])].map(([id, file]) => [id, resolve(io.cwd, file)]));
  const overrides: RoundOverrides = {
    ...(productApks.size > 0 ? { productApks } : {}),
    ...(values.output === undefined ? {} : { outputDir: resolve(io.cwd, values.output) }),
    ...(values.products === undefined ? {} : { onlyProducts: parseProductList(values.products) }),
  };
  // Before any device or process starts: an unusable output folder is bad input (exit 2).
  await checkRunOutput(resolve(io.cwd, roundFile), overrides.outputDir, io.cwd);
  const retest = values.retest === undefined ? [] : parseIdList(values.retest, '--retest', 'e.g. --retest sentinel.mspy.on-demand.pixel-api33.r1');
  const executed = await executeRound({ roundFile: resolve(io.cwd, roundFile), resume: values.resume ?? false, retest, io, hooks, overrides });
  return executed.exitCode;
}

function parseRunArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      resume: { type: 'boolean', default: false },
      product: { type: 'string', multiple: true },
      output: { type: 'string' },
      products: { type: 'string', multiple: true },
      retest: { type: 'string', multiple: true },
    } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench run --help`' });
  }
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['run'],
  help: HELP,
  run: (argv, io) => runCommand(argv, io),
};

/** `--products a,b --products c` → [a, b, c]; an empty entry is a usage error. */
function parseProductList(values: readonly string[]): string[] {
  return parseIdList(values, '--products', 'e.g. --products sentinel,quietguard');
}

/** `--flag a,b --flag c` → [a, b, c] without repeats; an empty entry is a usage error. */
export function parseIdList(values: readonly string[], flag: string, hint: string): string[] {
  const ids = values.flatMap((value) => value.split(',')).map((id) => id.trim());
  if (ids.some((id) => id === '')) throw new HarnessError('USAGE', `${flag} ${values.join(',')}: an empty ${flag === '--products' ? 'product' : 'case'} id`, { hint });
  return [...new Set(ids)];
}
