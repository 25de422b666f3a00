import path from 'node:path';

/** The path as messages print it: relative to `cwd` when the file is inside it. */
export function displayPathOf(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
