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
import { expandParameter, ParameterError } from './param-expansion.ts';
import { parseScript, type Pipeline, type Redirect, type SimpleCommand } from './parse.ts';
import { EMPTY_INPUT, inputOf, Pipe } from './pipe.ts';
import { findCommand } from './registry.ts';
import { ShellSyntaxError } from './tokenize.ts';

const SH = '/system/bin/sh';

/** Thrown by `exit` and `exec` to end the whole script. */
class ExitRequest {
  constructor(readonly status: number) {}
}

interface Streams {
  stdin: AsyncIterable<Buffer>;
  stdout: (chunk: string | Buffer) => void;
  stderr: (chunk: string | Buffer) => void;
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

  constructor(device: AndroidModel, pid: number, env: Readonly<Record<string, string>> = DEFAULT_ENV) {
    this.#device = device;
    this.#pid = pid;
    this.#vars = new Map(Object.entries(env));
  }

  async run(source: string, io: ShellIo): Promise<number> {
    try {
      const script = parseScript(source);
      for (const list of script) {
        let status = await this.#runPipeline(list.first, io);
        for (const next of list.rest) {
          if ((next.op === '&&') === (status === 0)) status = await this.#runPipeline(next.pipeline, io);
        }
        this.#status = status;
        if (io.signal.aborted) break;
      }
      return this.#status;
    } catch (error) {
      if (error instanceof ExitRequest) return error.status;
      if (error instanceof ShellSyntaxError || error instanceof ParameterError) {
        io.stderr(`${SH}: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }

  async #runPipeline(pipeline: Pipeline, io: ShellIo): Promise<number> {
    const stages = pipeline.commands;
    if (stages.length === 1) {
      const status = await this.#runCommand(stages[0] as SimpleCommand, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr }, io.signal);
      return pipeline.negate ? Number(status === 0) : status;
    }
    const pipes = stages.slice(1).map(() => new Pipe());
    const controllers = stages.map(() => new AbortController());
    const runs = stages.map(async (command, index) => {
      const stdin = index === 0 ? io.stdin : (pipes[index - 1] as Pipe);
      const out = pipes[index];
      const signal = AbortSignal.any([io.signal, (controllers[index] as AbortController).signal]);
      try {
        return await this.#runCommand(command, { stdin, stdout: out ? (chunk) => out.write(chunk) : io.stdout, stderr: io.stderr }, signal);
      } finally {
        out?.close();
        // The reader of our input is gone: stop the writer before us (SIGPIPE).
        for (let earlier = 0; earlier < index; earlier++) controllers[earlier]?.abort();
      }
    });
    const statuses = await Promise.all(runs);
    const last = statuses[statuses.length - 1] ?? 0;
    return pipeline.negate ? Number(last === 0) : last;
  }

  async #runCommand(command: SimpleCommand, streams: Streams, signal: AbortSignal): Promise<number> {
    const expansion = this.#expansionContext(signal);
    const argv = await expandWords(command.words, expansion);
    const assigned = new Map<string, string>();
    for (const assignment of command.assignments) {
      assigned.set(assignment.name, (await expandWord(assignment.value, expansion)).join(' '));
    }
    if (argv.length === 0) {
      for (const [name, value] of assigned) this.#vars.set(name, value);
      const opened = await this.#openRedirects(command.redirects, streams, expansion);
      opened?.flush();
      return opened === undefined ? 1 : 0;
    }
    const opened = await this.#openRedirects(command.redirects, streams, expansion);
    if (opened === undefined) return 1;
    try {
      const [name, ...args] = argv as [string, ...string[]];
      if (name === 'exec') {
        if (args.length === 0) return 0;
        const status = await this.#dispatch(args[0] as string, args.slice(1), assigned, opened.streams, signal);
        throw new ExitRequest(status);
      }
      return await this.#dispatch(name, args, assigned, opened.streams, signal);
    } finally {
      opened.flush();
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
      substitute: async (source) => {
        let out = '';
        const nested = new ShellInterpreter(this.#device, this.#pid, Object.fromEntries(this.#vars));
        nested.#cwd = this.#cwd;
        await nested.run(source, { stdin: EMPTY_INPUT, stdout: (chunk) => { out += chunk.toString(); }, stderr: () => {}, signal });
        return out;
      },
    };
  }

  /** Applies redirections left to right; undefined (after printing why) when one cannot be opened. */
  async #openRedirects(redirects: readonly Redirect[], base: Streams, expansion: ExpansionContext): Promise<{ streams: Streams; flush(): void } | undefined> {
    const streams: Streams = { ...base };
    const writers: Array<() => void> = [];
    for (const redirect of redirects) {
      const target = (await expandWord(redirect.target, expansion)).join(' ');
      if (redirect.op === '>&' || redirect.op === '<&') {
        const source = target === '1' ? streams.stdout : target === '2' ? streams.stderr : undefined;
        if (redirect.op === '<&' || target === '-') continue;
        if (source === undefined) { base.stderr(`${SH}: ${target}: bad file descriptor\n`); return undefined; }
        if (redirect.fd === 1) streams.stdout = source;
        else if (redirect.fd === 2) streams.stderr = source;
        continue;
      }
      const path = posix.resolve(this.#cwd, target);
      if (redirect.op === '<') {
        if (path === '/dev/null') { streams.stdin = EMPTY_INPUT; continue; }
        const data = this.#device.fs.read(path);
        if (data === undefined) { base.stderr(`${SH}: can't open ${target}: No such file or directory\n`); return undefined; }
        streams.stdin = inputOf(data);
        continue;
      }
      const sink = this.#fileSink(path, redirect.op === '>>', base);
      if (sink === undefined) return undefined;
      writers.push(sink.flush);
      if (redirect.fd === 1) streams.stdout = sink.write;
      else if (redirect.fd === 2) streams.stderr = sink.write;
    }
    return { streams, flush: () => { for (const flush of writers) flush(); } };
  }

  #fileSink(path: string, append: boolean, base: Streams): { write: (chunk: string | Buffer) => void; flush: () => void } | undefined {
    if (path === '/dev/null' || path === '/dev/zero') return { write: () => {}, flush: () => {} };
    const fs = this.#device.fs;
    const parent = posix.dirname(path);
    if (!fs.isDirectory(parent)) {
      base.stderr(`${SH}: can't create ${path}: No such file or directory\n`);
      return undefined;
    }
    if (fs.isDirectory(path)) {
      base.stderr(`${SH}: can't create ${path}: Is a directory\n`);
      return undefined;
    }
    const chunks: Buffer[] = append ? [fs.read(path) ?? Buffer.alloc(0)] : [];
    fs.write(path, Buffer.concat(chunks), fs.stat(path)?.mode ?? 0o666);
    return {
      write: (chunk) => { chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk); },
      flush: () => { fs.write(path, Buffer.concat(chunks), fs.stat(path)?.mode ?? 0o666); },
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
