import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface AppiumLogOptions {
  /**
   * Size at which the log being written moves to `appium-logs/` and is compressed. Small enough
   * that the parts a case's page links to stay a few hundred KB compressed.
   * @default 4 MiB
   */
  maxBytes?: number;
}

/** Folder beside the log for its finished parts, and the index the report reads (harness/report/appium-log-segments.ts). */
export const APPIUM_LOG_PARTS = 'appium-logs';
const INDEX = 'index.jsonl';

/**
 * Appium's log for a round, kept small and reachable per case (Appium 3 writes one log for all
 * devices, 50 MB for the demo; it has no rotation of its own). Bytes go to `<logFile>` as they
 * come; once it passes `maxBytes`, and when Appium stops, it is renamed to
 * `appium-logs/<n>.log`, a line `{"file","from","to","bytes"}` (times of its first and last
 * write) is appended to `appium-logs/index.jsonl`, and the part is gzip-compressed to
 * `<n>.log.gz` (temp file, rename, then the plain file is removed). A case's page links the parts
 * written while it ran. Nothing is lost when the run is killed: the plain log, or a part whose
 * compression did not finish, stays readable, and the next open of the same folder (a resumed
 * round) moves and compresses what was left.
 */
export async function openAppiumLog(logFile: string, options: AppiumLogOptions = {}): Promise<Writable> {
  const folder = join(dirname(logFile), APPIUM_LOG_PARTS);
  await mkdir(folder, { recursive: true });
  const state = await readState(folder);
  const log = new RotatingLog(logFile, folder, options.maxBytes ?? 4 * 1024 * 1024, state);
  await log.recover();
  return log.stream;
}

interface PartsState { next: number; lastEnd: string | undefined }

class RotatingLog {
  readonly stream: Writable;
  readonly #file: string;
  readonly #folder: string;
  readonly #maxBytes: number;
  #next: number;
  #lastEnd: string | undefined;
  #handle: FileHandle | undefined;
  #size = 0;
  #from: string | undefined;
  #to: string | undefined;
  readonly #compressing = new Set<Promise<void>>();
  readonly #parts = new Set<string>();

  constructor(file: string, folder: string, maxBytes: number, state: PartsState) {
    this.#file = file;
    this.#folder = folder;
    this.#maxBytes = maxBytes;
    this.#next = state.next;
    this.#lastEnd = state.lastEnd;
    this.stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => void this.#write(chunk).then(() => done(), done),
      final: (done) => void this.#finish().then(() => done(), done),
    });
  }

  /** What a killed run left: its plain log becomes a part, and unfinished compressions are redone. */
  async recover(): Promise<void> {
    const left = await stat(this.#file).catch(() => undefined);
    if (left !== undefined && left.size > 0) await this.#rotate(this.#lastEnd, left.mtime.toISOString(), left.size);
    const names = await readdir(this.#folder);
    // Half-written archives go first: compressing their part again writes the same temp name.
    for (const name of names) if (/^\d+\.log\.gz\.tmp$/.test(name)) await rm(join(this.#folder, name), { force: true });
    for (const name of names) if (/^\d+\.log$/.test(name) && !this.#compressingPart(name)) this.#compress(join(this.#folder, name));
  }

  async #write(chunk: Buffer): Promise<void> {
    if (this.#size > 0 && this.#size + chunk.length > this.#maxBytes) await this.#closeAndRotate();
    const now = new Date().toISOString();
    this.#handle ??= await open(this.#file, 'a');
    await this.#handle.write(chunk);
    this.#from ??= now;
    this.#to = now;
    this.#size += chunk.length;
  }

  async #finish(): Promise<void> {
    if (this.#size > 0) await this.#closeAndRotate();
    else await this.#handle?.close();
    this.#handle = undefined;
    await Promise.all(this.#compressing);
  }

  async #closeAndRotate(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
    await this.#rotate(this.#from, this.#to, this.#size);
    this.#size = 0;
    this.#from = undefined;
    this.#to = undefined;
  }

  async #rotate(from: string | undefined, to: string | undefined, bytes: number): Promise<void> {
    const name = `${String(this.#next).padStart(4, '0')}.log`;
    this.#next += 1;
    const part = join(this.#folder, name);
    await rename(this.#file, part);
    await appendFile(join(this.#folder, INDEX), `${JSON.stringify({ file: `${APPIUM_LOG_PARTS}/${name}`, from, to, bytes })}\n`);
    this.#lastEnd = to;
    this.#compress(part);
  }

  /** In the background: the run goes on while zlib works; #finish waits for every one. */
  #compress(part: string): void {
    this.#parts.add(part);
    const job = compressPart(part).catch(() => undefined).finally(() => this.#compressing.delete(job));
    this.#compressing.add(job);
  }

  /** The part just rotated out of a leftover appium.log is already being compressed. */
  #compressingPart(name: string): boolean {
    return this.#parts.has(join(this.#folder, name));
  }
}

async function compressPart(part: string): Promise<void> {
  const target = `${part}.gz`;
  const temp = `${target}.tmp`;
  await pipeline(createReadStream(part), createGzip(), createWriteStream(temp));
  await rename(temp, target);
  await rm(part, { force: true });
}

/** The next part number and the end time of the last part, from the index and the files. */
async function readState(folder: string): Promise<PartsState> {
  let next = 1;
  for (const name of await readdir(folder)) {
    const number = /^(\d+)\.log/.exec(name)?.[1];
    if (number !== undefined) next = Math.max(next, Number(number) + 1);
  }
  let lastEnd: string | undefined;
  const text = await readFile(join(folder, INDEX), 'utf8').catch(() => '');
  // A line torn by a kill mid-append is ended, so the next line is not glued to it.
  if (text !== '' && !text.endsWith('\n')) await appendFile(join(folder, INDEX), '\n');
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as { to?: unknown };
      if (typeof entry.to === 'string') lastEnd = entry.to;
    } catch {
      // A torn last line (killed mid-append): the files are the log, the index only helps.
    }
  }
  return { next, lastEnd };
}

