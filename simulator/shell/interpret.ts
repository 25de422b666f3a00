/**
 * The device's `/system/bin/sh -c <line>`: runs the parsed script against the command registry.
 * Pipeline stages run concurrently through in-memory pipes; when a later stage ends, earlier ones
 * are aborted (SIGPIPE). Each external command shows in `ps` while it runs.
 */
import { posix } from 'node:path';
import type { AndroidModel } from '../device/android-model.ts';
import type { ShellIo } from '../device/contracts.ts';
import type { CommandContext } from './command.ts';
import { expandWord, expandWords, type ExpansionContext } from './expand.ts';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.ts';
import { expandParameter, ParameterError } from './param-expansion.ts';
import { parseScript, type Command, type CompoundCommand, type Pipeline, type Script } from './parse.ts';
import { EMPTY_INPUT, Pipe } from './pipe.ts';
import { openRedirects, type Streams } from './redirections.ts';
import { findCommand } from './registry.ts';
import { ShellSyntaxError } from './tokenize.ts';

const SH = '/system/bin/sh';

/** Thrown by `exit` and `exec` to end the whole script (or the subshell). */
class ExitRequest {
  constructor(readonly status: number) {}
}

/** Thrown by `break N` / `continue N` out of the innermost N loops. */
class LoopControl {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

export const DEFAULT_ENV: Readonly<Record<string, string>> = {
  PATH: '/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:/system_ext/bin:/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin',
  HOME: '/',
  HOSTNAME: 'localhost',
  SHELL: SH,
  USER: 'shell',
  LOGNAME: 'shell',
  TMPDIR: '/data/local/tmp',
  ANDROID_DATA: '/data',
  ANDROID_ROOT: '/system',
  ANDROID_STORAGE: '/storage',
  EXTERNAL_STORAGE: '/sdcard',
  ASEC_MOUNTPOINT: '/mnt/asec',
  TERM: 'xterm',
};

export class ShellInterpreter {
  #device: AndroidModel;
  #vars: Map<string, string>;
  #cwd = '/';
  #status = 0;
  #pid: number;

  constructor(device: AndroidModel, pid: number, env: Readonly<Record<string, string>> = DEFAULT_ENV, cwd = '/') {
    this.#device = device;
    this.#pid = pid;
    this.#vars = new Map(Object.entries(env));
    this.#cwd = cwd;
  }

  async run(source: string, io: ShellIo): Promise<number> {
    try {
      return await this.#runScript(parseScript(source), { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr }, io.signal);
    } catch (error) {
      if (error instanceof ExitRequest) return error.status;
      if (error instanceof LoopControl) return this.#status;
      if (error instanceof ShellSyntaxError || error instanceof ParameterError || error instanceof ArithmeticError) {
        io.stderr(`${SH}: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }

  async #runScript(script: Script, streams: Streams, signal: AbortSignal): Promise<number> {
    for (const list of script) {
      let status = await this.#runPipeline(list.first, streams, signal);
      for (const next of list.rest) {
        if ((next.op === '&&') === (status === 0)) status = await this.#runPipeline(next.pipeline, streams, signal);
      }
      this.#status = status;
      if (signal.aborted) break;
    }
    return this.#status;
  }

  async #runPipeline(pipeline: Pipeline, streams: Streams, signal: AbortSignal): Promise<number> {
    const stages = pipeline.commands;
    if (stages.length === 1) {
      const status = await this.#runCommand(stages[0] as Command, streams, signal);
      return pipeline.negate ? Number(status === 0) : status;
    }
    const pipes = stages.slice(1).map(() => new Pipe());
    const controllers = stages.map(() => new AbortController());
    const runs = stages.map(async (command, index) => {
      const stdin = index === 0 ? streams.stdin : (pipes[index - 1] as Pipe);
      const out = pipes[index];
      const stageSignal = AbortSignal.any([signal, (controllers[index] as AbortController).signal]);
      try {
        return await this.#runCommand(command, { stdin, stdout: out ? (chunk) => out.write(chunk) : streams.stdout, stderr: streams.stderr }, stageSignal);
      } finally {
        out?.close();
        // The reader of our input is gone: stop the writers before us (SIGPIPE).
        for (let earlier = 0; earlier < index; earlier++) controllers[earlier]?.abort();
      }
    });
    const statuses = await Promise.all(runs);
    const last = statuses[statuses.length - 1] ?? 0;
    return pipeline.negate ? Number(last === 0) : last;
  }

  async #runCommand(command: Command, streams: Streams, signal: AbortSignal): Promise<number> {
    const expansion = this.#expansionContext(signal);
    if (command.kind !== 'simple') {
      const opened = await openRedirects(command.redirects, streams, expansion, this.#device.fs, this.#cwd);
      if (opened === undefined) return 1;
      try {
        return await this.#runCompound(command, opened.streams, signal);
      } finally {
        opened.flush();
      }
    }
    const argv = await expandWords(command.words, expansion);
    const assigned = new Map<string, string>();
    for (const assignment of command.assignments) {
      assigned.set(assignment.name, (await expandWord(assignment.value, expansion)).join(' '));
    }
    const opened = await openRedirects(command.redirects, streams, expansion, this.#device.fs, this.#cwd);
    if (opened === undefined) return 1;
    try {
      if (argv.length === 0) {
        for (const [name, value] of assigned) this.#vars.set(name, value);
        return 0;
      }
      const [name, ...args] = argv as [string, ...string[]];
      if (name === 'exec') {
        if (args.length === 0) return 0;
        throw new ExitRequest(await this.#dispatch(args[0] as string, args.slice(1), assigned, opened.streams, signal));
      }
      return await this.#dispatch(name, args, assigned, opened.streams, signal);
    } finally {
      opened.flush();
    }
  }

  async #runCompound(command: CompoundCommand, streams: Streams, signal: AbortSignal): Promise<number> {
    switch (command.kind) {
      case 'group': {
        if (!command.subshell) return this.#runScript(command.body, streams, signal);
        const subshell = new ShellInterpreter(this.#device, this.#pid, Object.fromEntries(this.#vars), this.#cwd);
        try {
          return await subshell.#runScript(command.body, streams, signal);
        } catch (error) {
          if (error instanceof ExitRequest) return error.status;
          throw error;
        }
      }
      case 'if': {
        for (const clause of command.clauses) {
          if ((await this.#runScript(clause.condition, streams, signal)) === 0) return this.#runScript(clause.body, streams, signal);
        }
        return command.otherwise === undefined ? 0 : this.#runScript(command.otherwise, streams, signal);
      }
      case 'loop': {
        let status = 0;
        while (!signal.aborted && ((await this.#runScript(command.condition, streams, signal)) === 0) !== command.until) {
          const outcome = await this.#runLoopBody(command.body, streams, signal);
          status = outcome.status;
          if (outcome.stop) break;
        }
        return status;
      }
      case 'for': {
        const items = command.items === undefined ? [] : await expandWords(command.items, this.#expansionContext(signal));
        let status = 0;
        for (const item of items) {
          if (signal.aborted) break;
          this.#vars.set(command.name, item);
          const outcome = await this.#runLoopBody(command.body, streams, signal);
          status = outcome.status;
          if (outcome.stop) break;
        }
        return status;
      }
    }
  }

  /** Runs one loop iteration; `stop` when a `break` (or an outer `continue`) ends this loop. */
  async #runLoopBody(body: Script, streams: Streams, signal: AbortSignal): Promise<{ status: number; stop: boolean }> {
    try {
      return { status: await this.#runScript(body, streams, signal), stop: false };
    } catch (error) {
      if (!(error instanceof LoopControl)) throw error;
      if (error.levels > 1) {
        error.levels--;
        throw error;
      }
      return { status: 0, stop: error.kind === 'break' };
    }
  }

  async #dispatch(name: string, args: string[], assigned: Map<string, string>, streams: Streams, signal: AbortSignal): Promise<number> {
    switch (name) {
      case 'cd': return this.#cd(args, streams);
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          if (eq > 0) this.#vars.set(arg.slice(0, eq), arg.slice(eq + 1));
        }
        return 0;
      case 'unset':
        for (const arg of args) this.#vars.delete(arg);
        return 0;
      case 'set': case ':': return 0;
      case 'exit': throw new ExitRequest(args[0] === undefined ? this.#status : Number.parseInt(args[0], 10) & 0xff || 0);
      case 'break': case 'continue': throw new LoopControl(name, Math.max(1, Number.parseInt(args[0] ?? '1', 10) || 1));
      case 'pwd': streams.stdout(`${this.#cwd}\n`); return 0;
      default: break;
    }
    const command = findCommand(name, this.#device.fs);
    if (command === undefined) {
      streams.stderr(`${SH}: ${name}: inaccessible or not found\n`);
      return 127;
    }
    const env = new Map(this.#vars);
    for (const [key, value] of assigned) env.set(key, value);
    const process = this.#device.processes.spawnTransient(posix.basename(name), 2000, this.#pid);
    const context: CommandContext = {
      name, args, env, cwd: this.#cwd, signal, device: this.#device, shellPid: this.#pid,
      stdin: streams.stdin, stdout: streams.stdout, stderr: streams.stderr,
      runNested: (line, io) => runShellCommandLine(this.#device, line, io, Object.fromEntries(env)),
    };
    try {
      return await command(context);
    } finally {
      this.#device.processes.exit(process.pid);
    }
  }

  #cd(args: string[], streams: Streams): number {
    const target = posix.resolve(this.#cwd, args[0] ?? '/');
    if (!this.#device.fs.isDirectory(target)) {
      streams.stderr(`${SH}: cd: ${target}: No such file or directory\n`);
      return 2;
    }
    this.#cwd = target;
    return 0;
  }

  #expansionContext(signal: AbortSignal): ExpansionContext {
    return {
      fs: this.#device.fs,
      cwd: this.#cwd,
      lookup: (expression) => expandParameter(expression, {
        lookup: (name) => {
          if (name === '?') return String(this.#status);
          if (name === '$') return String(this.#pid);
          if (name === '#') return '0';
          if (name === '0') return SH;
          return this.#vars.get(name);
        },
        assign: (name, value) => { this.#vars.set(name, value); },
      }),
      arithmetic: (source) => String(evaluateArithmetic(source, (name) => this.#vars.get(name))),
      substitute: async (source) => {
        let out = '';
        const nested = new ShellInterpreter(this.#device, this.#pid, Object.fromEntries(this.#vars), this.#cwd);
        await nested.run(source, { stdin: EMPTY_INPUT, stdout: (chunk) => { out += chunk.toString(); }, stderr: () => {}, signal });
        return out;
      },
    };
  }
}

/** Runs one command line as `adb shell` does: a fresh shell process (shown in `ps`) per call. */
export async function runShellCommandLine(
  device: AndroidModel, commandLine: string, io: ShellIo, env: Readonly<Record<string, string>> = DEFAULT_ENV,
): Promise<number> {
  const adbd = device.processes.list().find((entry) => entry.name === 'adbd')?.pid ?? 1;
  const shell = device.processes.spawnTransient('sh', 2000, adbd);
  try {
    return await new ShellInterpreter(device, shell.pid, env).run(commandLine, io);
  } finally {
    device.processes.exit(shell.pid);
  }
}
