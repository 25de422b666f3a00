import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/index.ts';
import { CASES_FOLDER } from './case-page-name.ts';
import type { ReportContent, ReportRender } from './render-report.ts';

/** A file's content, or the function that renders it when the writer gets to it (render-report.ts planReport). */
export type ReportFile = ReportContent | ReportRender;

/**
 * Writes a report (render-report.ts: file path inside the report folder → content, or the
 * function that renders it). Files given as functions are rendered one at a time, each just
 * before its write, and dropped once written: a large round's output is never in memory whole.
 * Top-level files are each written once, atomically (temp file, fsync, rename); the next file is
 * rendered while the previous one's fsync waits, so on a large round (70 MB of reports) those
 * waits do not add up. Case pages (`cases/<case>.html`) are written into a fresh folder that then
 * replaces `cases/` whole, before index.html is replaced, so the page never links to a
 * half-written folder and pages of cases the round no longer shows do not linger. Returns the
 * top-level paths in the given order, then the cases folder when it has pages.
 */
export async function writeReportFiles(folder: string, files: Readonly<Record<string, ReportFile>>): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const entries = Object.entries(files);
  const pages = entries.filter(([name]) => name.startsWith(`${CASES_FOLDER}/`));
  const cases = await replaceCasesFolder(folder, pages);
  const paths: string[] = [];
  const writes: Array<Promise<void>> = [];
  for (const [name, file] of entries.filter(([entry]) => !entry.includes('/'))) {
    const path = join(folder, name);
    paths.push(path);
    const write = writeFileAtomic(path, contentOf(file));
    // Handled at the end (Promise.all); until then a failure must not count as unhandled.
    write.catch(() => undefined);
    const previous = writes.at(-1);
    writes.push(write);
    if (previous !== undefined) await previous.catch(() => undefined);
  }
  await Promise.all(writes);
  return cases === undefined ? paths : [...paths, cases];
}

function contentOf(file: ReportFile): ReportContent {
  return typeof file === 'function' ? file() : file;
}

let sequence = 0;
/** `.cases-<pid>-<n>.new` / `.old`: the pid lets a later report remove what a killed one left. */
const SIDE_FOLDER = /^\.cases-(\d+)-\d+\.(?:new|old)$/;

/**
 * Case pages are not fsynced one by one (thousands of waits): they are derived files that the
 * next `stalkerbench report` rewrites from round.json and results.jsonl, which are durable.
 */
async function replaceCasesFolder(folder: string, pages: ReadonlyArray<[string, ReportFile]>): Promise<string | undefined> {
  await removeLeftovers(folder);
  const target = join(folder, CASES_FOLDER);
  sequence += 1;
  const fresh = join(folder, `.cases-${process.pid}-${sequence}.new`);
  const old = join(folder, `.cases-${process.pid}-${sequence}.old`);
  if (pages.length > 0) {
    await mkdir(fresh);
    try {
      // A few writes in flight at a time: enough to overlap the file system's work, without
      // thousands of open handles.
      for (let index = 0; index < pages.length; index += 32) {
        await Promise.all(pages.slice(index, index + 32).map(([name, file]) => writeFile(join(fresh, name.slice(CASES_FOLDER.length + 1)), contentOf(file))));
      }
    } catch (error) {
      await rm(fresh, { recursive: true, force: true });
      throw error;
    }
  }
  const hadFolder = await rename(target, old).then(() => true, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return false;
    throw error;
  });
  if (pages.length > 0) await rename(fresh, target);
  if (hadFolder) await rm(old, { recursive: true, force: true });
  return pages.length > 0 ? target : undefined;
}

/** Side folders of a report that was killed while writing case pages (its pid is gone). */
async function removeLeftovers(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const pid = Number(SIDE_FOLDER.exec(name)?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || pid === process.pid || isRunning(pid)) continue;
    await rm(join(folder, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
