import { cp, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../harness/cli/command.ts';
import { main } from '../../harness/cli/main.ts';

export const REPO_ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun { code: number; stdout: string; stderr: string }

/** Runs the CLI in-process in `cwd` (with an empty environment unless given one), capturing what it prints. */
export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, cwd, env };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Every file under `dir` with its size and mtime, to prove a failing command wrote nothing. */
export async function snapshotTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const lines = await Promise.all(entries.map(async (entry) => {
    const full = path.join(entry.parentPath, entry.name);
    const info = await stat(full);
    return `${path.relative(dir, full)} ${info.isFile() ? info.size : 'dir'} ${info.mtimeMs}`;
  }));
  return lines.sort();
}

/** A private copy of the demo scenario (YAML, APKs, emulator profiles) laid out as in the repo. */
export async function copyDemoScenario(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  for (const part of ['scenarios/rounds', 'scenarios/products', 'scenarios/samples', 'scenarios/apks', 'emulator-configs']) {
    await cp(path.join(REPO_ROOT_DIR, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}

/** Rewrites a file; an edit that changes nothing is a broken test, not a passing one. */
export async function editFile(file: string, change: (text: string) => string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`edit of ${file} changed nothing`);
  await writeFile(file, changed);
}
