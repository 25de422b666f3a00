import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/index.ts';

/**
 * Writes each file once, atomically (temp file + rename); returns the paths in the given order.
 * The files are written side by side: each waits for its own fsync, and on a large round
 * (70 MB of reports) those waits would otherwise add up.
 */
export async function writeReportFiles(folder: string, files: Readonly<Record<string, string>>): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  return Promise.all(Object.entries(files).map(async ([name, content]) => {
    const path = join(folder, name);
    await writeFileAtomic(path, content);
    return path;
  }));
}
