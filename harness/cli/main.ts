import { EXIT, exitCodeFor, formatError } from '../errors/index.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES, type CommandName } from './command-summaries.ts';

/** Commands load lazily so that `inspect-apk` does not pay for WebdriverIO. */
const COMMANDS: Record<CommandName, () => Promise<{ command: Command }>> = {
  'inspect-apk': () => import('./inspect-apk.ts'),
  identify: () => import('./identify.ts'),
  validate: () => import('./validate.ts'),
  run: () => import('./run.ts'),
  report: () => import('./report.ts'),
  compare: () => import('./compare.ts'),
  devices: () => import('./devices.ts'),
  ingest: () => import('./ingest.ts'),
  plan: () => import('./plan.ts'),
  keygen: () => import('./keygen.ts'),
  publish: () => import('./publish.ts'),
  verify: () => import('./verify.ts'),
  'review-pack': () => import('./review-pack.ts'),
  'serve-round': () => import('./serve-round.ts'),
  worker: () => import('./worker.ts'),
  'inspect-ui': () => import('./inspect-ui.ts'),
  'try-flow': () => import('./try-flow.ts'),
  'new-product': () => import('./new-product.ts'),
};

function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

async function loadCommand(name: string): Promise<Command | undefined> {
  if (!Object.hasOwn(COMMANDS, name)) return undefined;
  return (await COMMANDS[name as CommandName]()).command;
}

function usage(): string {
  const lines = ['usage: stalkerbench <command> [options]', '', 'commands:'];
  for (const [name, summary] of Object.entries(COMMAND_SUMMARIES)) lines.push(`  ${name.padEnd(12)} ${summary}`);
  lines.push(
    '',
    'Run `stalkerbench <command> --help` for a command\'s options.',
    'exit codes: 0 ok, 1 regression found (compare --fail-on-regression), 2 bad input, 3 infrastructure failure, 130 interrupted',
    '',
  );
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.input : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout(`${(await import('../version.ts')).HARNESS_VERSION}\n`);
    return EXIT.ok;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr(`error USAGE: unknown command '${name}'\nhint: run \`stalkerbench --help\` for the list of commands\n`);
    return EXIT.input;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.stderr(`${formatError(error)}\n`);
    return exitCodeFor(error);
  }
}
