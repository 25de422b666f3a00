import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/index.ts';

/** Writes each file once, atomically (temp file + rename); returns the paths in the given order. */
export async function writeReportFiles(folder: string, files: Readonly<Record<string, string>>): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const paths: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(folder, name);
    await writeFileAtomic(path, content);
    paths.push(path);
  }
  return paths;
}
