import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { EXIT, HarnessError, exitCodeFor, formatError } from '../errors/index.ts';
import { redactRedisUrl } from '../distributed/redis-options.ts';
import { serveRound } from '../distributed/serve-round.ts';
import type { CliIo, Command } from './command.ts';
import { checkRunOutput } from './check-output-dir.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';
import { parseIdList, renderRoundReport } from './run.ts';

const HELP = `usage: stalkerbench serve-round <round.yaml> --redis <url> [--output <dir>] [--resume]
                         [--retest <case id,…>] [--listen <host:port>] [--advertise <url>]
                         [--shared-folder <dir>]

The coordinator of a round run on several hosts. It validates the round and verifies every APK's
pinned SHA-256 as \`run\` does, enqueues one job per case in Redis (BullMQ; a case's job id comes
from the round and case ids, so enqueueing again adds nothing), and waits for workers
(\`stalkerbench worker --redis <url>\` on each host). It is the only writer of the round folder:
results.jsonl, evidence/ (every file checked against its SHA-256 on arrival), attempt-hosts.jsonl
(the host and versions of every attempt), round.json and, at the end, the report.

Workers fetch the round, the APKs (by SHA-256) and send evidence over the coordinator's file
transfer (HTTP with a bearer token published through Redis). It listens on 127.0.0.1 only unless
--listen says otherwise. With --shared-folder, workers started with --shared-folder too leave
evidence in that folder (mounted on every host) instead of sending it over HTTP; the coordinator
still checks every file's SHA-256 as it moves it into the round folder.

options:
  --redis <url>           redis://[:password@]host[:port][/db], rediss:// for TLS (required)
  --output <dir>          the round folder instead of the round's output.dir
  --resume                continue after a coordinator that stopped: results.jsonl and the queue
                          are caught up, finished cases are not run again
  --retest <case id,…>    run these cases of the round folder again as new attempts on the workers
                          (new job ids; earlier attempts are kept and the report marks the cases
                          retested, as \`run --retest\` does); repeatable
  --shared-folder <dir>   a folder every worker host mounts (the path may differ per host), for
                          evidence instead of HTTP; give workers --shared-folder <their path>
  --listen <host:port>    where the file transfer listens (default 127.0.0.1:0, a free port);
                          use 0.0.0.0:<port> for workers on other hosts
  --advertise <url>       the address workers are told (default the one bound), e.g. http://lab-1:7400
  -h, --help              this text

exit codes: 0 round finished, 2 bad input (nothing was run), 3 infrastructure failure, 130 interrupted
`;

export async function serveRoundCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parse(argv);
  const [roundFile, ...extra] = positionals;
  if (!roundFile || extra.length > 0) throw new HarnessError('USAGE', 'serve-round takes exactly one round file', { hint: 'stalkerbench serve-round scenarios/rounds/q4.yaml --redis redis://lab-redis:6379' });
  if (values.redis === undefined) throw new HarnessError('USAGE', 'serve-round needs --redis <url>', { hint: 'e.g. --redis redis://:password@127.0.0.1:6379' });
  const listen = parseListen(values.listen ?? '127.0.0.1:0');
  const outputDir = values.output === undefined ? undefined : resolve(io.cwd, values.output);
  const retest = values.retest === undefined ? [] : parseIdList(values.retest, '--retest', 'e.g. --retest sentinel.mspy.on-demand.pixel-api33.r1');
  const sharedFolder = values['shared-folder'] === undefined ? undefined : resolve(io.cwd, values['shared-folder']);
  await checkRunOutput(resolve(io.cwd, roundFile), outputDir, io.cwd);
  const controller = new AbortController();
  const onSignal = (): void => {
    io.stderr('\nstopping the coordinator: queued cases stay in Redis; continue with --resume\n');
    controller.abort(new HarnessError('CANCELLED', 'interrupted by the user'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result;
  try {
    io.stdout(`coordinator: Redis ${redactRedisUrl(values.redis)}\n`);
    result = await serveRound({
      roundFile: resolve(io.cwd, roundFile), cwd: io.cwd, env: io.env, redisUrl: values.redis, resume: values.resume ?? false,
      ...(outputDir === undefined ? {} : { outputDir }), listen, retest, ...(sharedFolder === undefined ? {} : { sharedFolder }), ...(values.advertise === undefined ? {} : { advertiseUrl: values.advertise }),
      signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal,
      log: (line) => io.stdout(`${line}\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const shown = relative(io.cwd, result.outputDir) || result.outputDir;
  if (result.alreadyFinished) {
    io.stdout(`round already finished: every case has a final result in ${shown} (nothing to run)\n`);
    return EXIT.ok;
  }
  if (result.interrupted) {
    io.stdout(`coordinator stopped: finished cases are kept in ${shown}; continue with \`stalkerbench serve-round --resume ${relative(io.cwd, roundFile) || roundFile} --redis <url>${values.output === undefined ? '' : ` --output ${shown}`}${retest.length === 0 ? '' : ` --retest ${retest.join(',')}`}\`\n`);
    return EXIT.interrupted;
  }
  try {
    await renderRoundReport(result.outputDir, io);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`${formatError(error)}\nthe round's results are complete in ${shown}; render the report again with \`stalkerbench report ${shown}\`\n`);
    return exitCodeFor(error);
  }
}

function parseListen(text: string): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || match[1] === '' || !Number.isInteger(port) || port > 65_535) {
    throw new HarnessError('USAGE', `--listen ${text}: expected <host>:<port>`, { hint: 'e.g. --listen 0.0.0.0:7400 (port 0: any free port)' });
  }
  return { host: (match[1] ?? '').replace(/^\[(.*)\]$/, '$1'), port };
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      redis: { type: 'string' }, output: { type: 'string' }, resume: { type: 'boolean', default: false },
      listen: { type: 'string' }, advertise: { type: 'string' }, retest: { type: 'string', multiple: true }, 'shared-folder': { type: 'string' },
    } });
  } catch (error) {
    throw new HarnessError('USAGE', error instanceof Error ? error.message : String(error), { hint: 'run `stalkerbench serve-round --help`' });
  }
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['serve-round'],
  help: HELP,
  run: (argv, io) => serveRoundCommand(argv, io),
};
