/**
 * Redirections of one command, applied left to right on a copy of its streams: `> file`, `>> file`,
 * `< file`, `N>&M`, `</dev/null`, `2>/dev/null`. File output is collected and written when the command
 * ends (`flush`), the file being created (or truncated) when the redirection is opened, as sh does.
 */
import { posix } from 'node:path';
import type { MemoryFs } from '../device/virtual-fs.ts';
import { expandWord, type ExpansionContext } from './expand.ts';
import type { Redirect } from './parse.ts';
import { EMPTY_INPUT, inputOf } from './pipe.ts';

export interface Streams {
  stdin: AsyncIterable<Buffer>;
  stdout: (chunk: string | Buffer) => void;
  stderr: (chunk: string | Buffer) => void;
}

export interface OpenedRedirects {
  streams: Streams;
  /** Writes what went to redirected files. */
  flush(): void;
}

const SH = '/system/bin/sh';

/** Undefined (after printing why on the original stderr) when a redirection cannot be opened. */
export async function openRedirects(
  redirects: readonly Redirect[], base: Streams, expansion: ExpansionContext, fs: MemoryFs, cwd: string,
): Promise<OpenedRedirects | undefined> {
  const streams: Streams = { ...base };
  const writers: Array<() => void> = [];
  for (const redirect of redirects) {
    const target = (await expandWord(redirect.target, expansion)).join(' ');
    if (redirect.op === '>&' || redirect.op === '<&') {
      if (redirect.op === '<&' || target === '-') continue;
      const source = target === '1' ? streams.stdout : target === '2' ? streams.stderr : undefined;
      if (source === undefined) { base.stderr(`${SH}: ${target}: bad file descriptor\n`); return undefined; }
      if (redirect.fd === 1) streams.stdout = source;
      else if (redirect.fd === 2) streams.stderr = source;
      continue;
    }
    const path = posix.resolve(cwd, target);
    if (redirect.op === '<') {
      if (path === '/dev/null') { streams.stdin = EMPTY_INPUT; continue; }
      const data = fs.read(path);
      if (data === undefined) { base.stderr(`${SH}: can't open ${target}: No such file or directory\n`); return undefined; }
      streams.stdin = inputOf(data);
      continue;
    }
    const sink = openFileSink(fs, path, redirect.op === '>>', base);
    if (sink === undefined) return undefined;
    writers.push(sink.flush);
    if (redirect.fd === 1) streams.stdout = sink.write;
    else if (redirect.fd === 2) streams.stderr = sink.write;
  }
  return { streams, flush: () => { for (const flush of writers) flush(); } };
}

function openFileSink(fs: MemoryFs, path: string, append: boolean, base: Streams): { write: (chunk: string | Buffer) => void; flush: () => void } | undefined {
  if (path === '/dev/null' || path === '/dev/zero') return { write: () => {}, flush: () => {} };
  if (!fs.isDirectory(posix.dirname(path))) {
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
