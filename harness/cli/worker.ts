import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, HarnessError } from '../errors/index.ts';
import { redactRedisUrl } from '../distributed/redis-options.ts';
import { runWorker } from '../distributed/run-worker.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench worker --redis <url> [--devices <n>] [--round <id>] [--coordinator <url>]
                     [--shared-folder <dir>] [--lock-ms <ms>] [--log <file>]

A worker host of a round served by \`stalkerbench serve-round\`. It finds the round in Redis,
fetches the round and every APK from the coordinator by SHA-256 (verified before any install),
boots its own emulators, adb server and Appium as \`run\` does, and takes one case job at a time per
free device. Each attempt runs with \`run\`'s case protocol and retry rule and goes back to the
coordinator with its evidence; the job's lock token fences it, so a worker that lost its job
(killed, cut off) can never write a result. It exits when the coordinator marks the round finished.

options:
  --redis <url>           the coordinator's Redis (required)
  --devices <n>           emulator instances per device profile of the round on this host (default 1)
  --round <id>            the round to work on (default: the only one being served)
  --coordinator <url>     the coordinator's file transfer, instead of the address it published
  --shared-folder <dir>   where this host mounts the folder serve-round was given with --shared-folder:
                          evidence goes there instead of over HTTP (checked against the
                          coordinator's mark before the first file)
  --lock-ms <ms>          BullMQ lock duration, renewed every half of it; a dead worker's case goes
                          to another worker this long after (default 60000)
  --log <file>            diagnostics (device output, Appium, teardown) (default $TMPDIR/stalkerbench-worker-<pid>.log)
  -h, --help              this text

environment: STALKERBENCH_PORT_BASE=<port> puts this worker's local ports in their own block of 400,
  for several workers on one machine.

exit codes: 0 round finished, 2 bad input, 3 infrastructure failure, 130 interrupted
`;

export async function workerCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length > 0) throw new HarnessError('USAGE', `worker takes no positional arguments (got ${positionals.join(' ')})`, { hint: 'stalkerbench worker --redis redis://lab-redis:6379 --devices 4' });
  if (values.redis === undefined) throw new HarnessError('USAGE', 'worker needs --redis <url>', { hint: 'the URL the coordinator was given' });
  const devices = positiveInteger(values.devices ?? '1', '--devices');
  const lockMs = positiveInteger(values['lock-ms'] ?? '60000', '--lock-ms');
  if (lockMs < 5_000) throw new HarnessError('USAGE', `--lock-ms ${lockMs}: below 5000 ms a busy host could lose its locks`, { hint: 'keep the default 60000 unless a test needs faster hand-over' });
  const logFile = values.log ?? join(io.env['TMPDIR'] ?? tmpdir(), `stalkerbench-worker-${process.pid}.log`);
  const controller = new AbortController();
  const onSignal = (): void => {
    io.stderr('\nstopping the worker: its running cases go back to the queue\n');
    controller.abort(new HarnessError('CANCELLED', 'interrupted by the user'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  io.stdout(`worker: Redis ${redactRedisUrl(values.redis)}, log ${logFile}\n`);
  // A stream, not appendFileSync: device output is chatty and the worker's event loop must stay free
  // to renew its job locks.
  const logStream = createWriteStream(logFile, { flags: 'a' });
  try {
    const result = await runWorker({
      redisUrl: values.redis, devices, lockMs, env: io.env,
      ...(values.round === undefined ? {} : { roundId: values.round }),
      ...(values.coordinator === undefined ? {} : { coordinatorUrl: values.coordinator }),
      ...(values['shared-folder'] === undefined ? {} : { sharedFolder: resolve(io.cwd, values['shared-folder']) }),
      signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal,
      log: (line) => void logStream.write(`${new Date().toISOString()} ${line}\n`),
      progress: (line) => io.stdout(`${line}\n`),
    });
    if (controller.signal.aborted) return EXIT.interrupted;
    io.stdout(`round ${result.roundId} finished; this worker ran ${result.casesDone} case(s)\n`);
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await new Promise<void>((resolve) => logStream.end(() => resolve()));
  }
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new HarnessError('USAGE', `${flag} ${text}: expected a positive integer`, { hint: `e.g. ${flag} 2` });
  return value;
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      redis: { type: 'string' }, devices: { type: 'string' }, round: { type: 'string' }, coordinator: { type: 'string' },
      'lock-ms': { type: 'string' }, log: { type: 'string' }, 'shared-folder': { type: 'string' },
    } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench worker --help`' });
  }
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['worker'],
  help: HELP,
  run: (argv, io) => workerCommand(argv, io),
};
