import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { EXIT, HarnessError } from '../errors/index.ts';
import { LineReporter, LiveReporter, LogFileReporter, runRound, type RoundReporter } from '../round/index.ts';
import type { CliIo, Command } from './command.ts';

const HELP = `usage: stalkerbench run <round.yaml> [--resume]

Runs a test round: verifies every APK's pinned SHA-256 before touching a device, boots the
emulators of the round's device profiles from $ANDROID_HOME/emulator/emulator (real SDK or the
virtual one), prepares a clean snapshot, and runs every product × sample × mode case on a device
restored to it, through a local Appium server (or the round's Appium URLs).

Results go to the round's output folder (default reports/<round id>/): round.json, results.jsonl
(one line per attempt, written durably), evidence/, round.log, appium.log, and the rendered report.

options:
  --resume      continue an interrupted round in its folder; finished cases are not run again
  -h, --help    this text

Ctrl+C once stops the round cleanly (finished cases are kept; run again with --resume); twice kills it.

exit codes: 0 round finished (or was already finished), 2 bad input (nothing was run),
            3 infrastructure failure, 130 interrupted
`;

export interface RunCliHooks {
  /** Extra reporters (tests). */
  reporters?: RoundReporter[];
  signal?: AbortSignal;
}

export async function runCommand(argv: string[], io: CliIo, hooks: RunCliHooks = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { resume: { type: 'boolean', default: false } } });
  const [roundFile, ...extra] = positionals;
  if (!roundFile || extra.length > 0) {
    throw new HarnessError('USAGE', 'run takes exactly one round file', { hint: 'stalkerbench run scenarios/rounds/demo.yaml' });
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      io.stderr('\nstopping the round: tearing down devices (Ctrl+C again to kill)\n');
      controller.abort(new HarnessError('CANCELLED', 'interrupted by the user'));
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
  try {
    const signal = hooks.signal ? AbortSignal.any([hooks.signal, controller.signal]) : controller.signal;
    const result = await runRound({
      roundFile: resolve(io.cwd, roundFile), cwd: io.cwd, env: io.env, resume: values.resume ?? false,
      reporters: [progress, logFile, ...(hooks.reporters ?? [])], signal,
    });
    if (result.alreadyFinished) {
      io.stdout(`round already finished: every case has a final result in ${result.outputDir} (nothing to do)\n`);
      return EXIT.ok;
    }
    return result.interrupted ? EXIT.interrupted : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const command: Command = {
  summary: 'run a test round on emulators (or phones) and record one outcome per case',
  help: HELP,
  run: (argv, io) => runCommand(argv, io),
};
