import { execa } from 'execa';
import { HarnessError } from '../../harness/errors/index.ts';

export interface RunSdkCommandOptions {
  /** The whole environment of the child (not merged with this process's). */
  env: Record<string, string>;
  /** Text for the command's stdin (answers to its prompts); stdin is closed otherwise. */
  input?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Receives the command's output as it comes (stdout and stderr interleaved). */
  onOutput?: (chunk: string) => void;
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Runs one set-up tool (sdkmanager, avdmanager, unzip): argv only, a timeout and a cancel signal,
 * and on failure a HarnessError naming the command, its exit code and the tail of its output.
 */
export async function runSdkCommand(argv: readonly string[], options: RunSdkCommandOptions): Promise<string> {
  const [file, ...args] = argv;
  if (file === undefined) throw new HarnessError('INTERNAL', 'runSdkCommand needs a command');
  const command = argv.join(' ');
  const started = performance.now();
  const child = execa(file, args, {
    env: options.env,
    extendEnv: false,
    timeout: options.timeoutMs,
    all: true,
    reject: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  if (options.onOutput) child.all?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString('utf8')));
  const result = await child;
  const output = result.all ?? '';
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.isCanceled) throw new HarnessError('CANCELLED', `${command} was cancelled`);
  if (result.timedOut) {
    throw new HarnessError('SETUP_MISSING', `${command} did not finish within ${options.timeoutMs / 1000} s`, {
      hint: 'check the network and the output above, then run the set-up again (finished steps are quick to repeat)',
      details: tail(output).split('\n'),
    });
  }
  if (result.exitCode !== 0) {
    const notFound = result.code === 'ENOENT';
    throw new HarnessError('SETUP_MISSING', notFound
      ? `${file} was not found`
      : `${command} failed with exit code ${result.exitCode ?? 'none (killed by a signal)'} after ${seconds} s`, {
      hint: notFound
        ? `install it (${file.endsWith('unzip') ? 'sudo apt-get install unzip' : 'see README, "Pointing it at a real Android SDK"'}) and run the set-up again`
        : `the last lines of its output are above${/(sdkmanager|avdmanager)$/.test(file) ? '; sdkmanager and avdmanager need Java 17, sdkmanager network access to dl.google.com' : ''}`,
      details: tail(output).split('\n'),
    });
  }
  return output;
}
