import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRound } from '../harness/config/index.ts';
import { HarnessError } from '../harness/errors/index.ts';
import { ROUND_FILE } from '../harness/results/index.ts';
import type { CliIo } from '../harness/cli/command.ts';
import { executeRound, type RunCliHooks } from '../harness/cli/run.ts';
import { exitCodeFor, formatError } from '../harness/errors/index.ts';
import { writeVirtualSdk } from '../simulator/sdk/index.ts';

/** The demo round ships with the repository; it is found from this file, not from the cwd. */
const DEMO_ROUND = fileURLToPath(new URL('../scenarios/rounds/demo.yaml', import.meta.url));

const HELP = `usage: npm run demo   (node bin/run-ts.js scripts/demo.ts)

Runs the demo round (scenarios/rounds/demo.yaml: every demo product against every demo sample,
on-demand and real-time, watchware and clean apps as false-positive checks) on six virtual
emulators, through the real adb and a local Appium server, then renders its report. The virtual
products' delays and the watch budgets run at a tenth of their real length (the round's
appDelayScale: 0.1); the output and the report's method say so.

It writes the virtual Android SDK (.virtual-sdk/, as \`npm run virtual-sdk\` does) and points the
round at it, whatever ANDROID_HOME says. Results go to reports/demo/; the last lines printed are the
results folder and the path of index.html.

If reports/demo/ already holds a finished demo run, nothing is run again and the report is
rendered anew; an unfinished one (interrupted, or killed) is resumed.

options:
  -h, --help   show this help

exit codes:
  0  the demo round finished (or was already finished) and its report was written
  2  bad input: the demo files or fixture APKs are missing or do not match their pins
     (run \`npm run fixtures\`), or reports/demo/ holds a run of an older demo round (move it away)
  3  infrastructure failure (see reports/demo/round.log)
  130 interrupted (run \`npm run demo\` again to resume)
`;

export interface DemoOptions {
  /** @default scenarios/rounds/demo.yaml */
  roundFile?: string;
  /** AVD folder of the virtual SDK. @default `.virtual-sdk/avd` */
  avdHome?: string;
  hooks?: RunCliHooks;
}

/** The state an earlier demo run left in the output folder, for the first line printed. */
async function describeEarlierRun(roundFile: string, cwd: string): Promise<string> {
  const round = await loadRound(roundFile, { cwd });
  const shown = relative(cwd, round.output.dir) || round.output.dir;
  const delays = round.appDelayScale === 1
    ? ''
    : `demo: app delays scaled ×${round.appDelayScale} on the virtual devices (appDelayScale): the products' scans, updates and alerts and the watch budgets at ${round.appDelayScale} of their real length; the report's method says so\n`;
  if (!existsSync(join(round.output.dir, ROUND_FILE))) return `demo: running ${round.id} into ${shown}\n${delays}`;
  return `demo: ${shown} holds an earlier run of ${round.id}: finished cases are kept, the rest run now\n${delays}`;
}

/**
 * `npm run demo`: the virtual SDK, then the demo round (resumed when an earlier run is unfinished),
 * then its report. The round and the SDK folder can be changed for tests.
 */
export async function runDemo(io: CliIo, options: DemoOptions = {}): Promise<number> {
  const sdk = await writeVirtualSdk(options.avdHome === undefined ? {} : { avdHome: options.avdHome });
  const env: NodeJS.ProcessEnv = { ...io.env, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome };
  delete env['ANDROID_SDK_ROOT'];
  const roundFile = options.roundFile ?? DEMO_ROUND;
  io.stdout(await describeEarlierRun(roundFile, io.cwd));
  const executed = await executeRound({
    roundFile, resume: true, renderFinished: true, io: { ...io, env }, ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  if (executed.indexHtml !== undefined) {
    const shown = (path: string): string => relative(io.cwd, path) || path;
    io.stdout(`\nresults: ${shown(executed.outputDir)}\nopen the report: ${shown(executed.indexHtml)}\n`);
  }
  return executed.exitCode;
}

/** `npm run demo`: argument check, then runDemo; errors print as the CLI prints them. */
export async function runDemoCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  try {
    try {
      parseArgs({ args: argv, options: {}, allowPositionals: false, strict: true });
    } catch (error) {
      throw new HarnessError('USAGE', `demo: ${error instanceof Error ? error.message : String(error)}`, { hint: 'run `npm run demo -- --help`', cause: error });
    }
    return await runDemo(io);
  } catch (error) {
    io.stderr(`${formatError(error)}\n`);
    return exitCodeFor(error);
  }
}

// Run as a script (`npm run demo`), not when imported by the tests.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runDemoCommand(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  });
}
