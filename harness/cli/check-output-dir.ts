import { mkdtemp, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { displayPathOf, loadRound } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';

export interface CheckOutputDirOptions {
  /** What named the folder, for the message: `--output` or `scenarios/rounds/q4.yaml output.dir`. */
  namedBy: string;
  cwd: string;
  /**
   * Also prove that the folder can be created and written, by creating and removing an empty
   * folder in it (or in its nearest existing parent). Permission bits cannot answer that: root
   * passes every permission check, yet cannot create anything below /proc or on a read-only mount.
   * `validate` leaves it off, as it writes nothing. @default true
   */
  probe?: boolean;
}

/**
 * Checks, before any device or process starts, that a round's output folder can be used: it is a
 * folder or can be created as one (no part of its path is a file) and, with `probe`, that creating
 * and writing there works. A folder that cannot be used is CONFIG_INVALID naming the flag or the
 * round field and the path. Nothing is left behind.
 */
export async function checkOutputDir(dir: string, options: CheckOutputDirOptions): Promise<void> {
  const shown = displayPathOf(dir, options.cwd);
  const fail = (problem: string, hint: string, cause?: unknown): HarnessError =>
    new HarnessError('CONFIG_INVALID', `${options.namedBy} ${shown}: ${problem}`, { hint, ...(cause === undefined ? {} : { cause }) });
  const chooseAnother = `name a folder the round can create and write (it is created when missing), e.g. ${options.namedBy} reports/<name>`;
  let existing = dir;
  for (;;) {
    const stats = await stat(existing).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (stats instanceof Error) {
      if (stats.code !== 'ENOENT' && stats.code !== 'ENOTDIR') throw fail(`cannot be reached (${stats.code ?? stats.message} at ${displayPathOf(existing, options.cwd)})`, chooseAnother, stats);
      const parent = dirname(existing);
      if (parent === existing) throw fail('no part of the path exists', chooseAnother);
      existing = parent;
      continue;
    }
    if (stats.isDirectory()) break;
    throw existing === dir
      ? fail('is an existing file, not a folder', chooseAnother)
      : fail(`${displayPathOf(existing, options.cwd)} is a file, so no folder can be created below it`, chooseAnother);
  }
  if (options.probe === false) return;
  let probe: string;
  try {
    probe = await mkdtemp(join(existing, '.stalkerbench-write-check-'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const where = existing === dir ? 'in it' : `in ${displayPathOf(existing, options.cwd)}`;
    throw fail(`cannot be ${existing === dir ? 'written' : 'created'} (creating a folder ${where} failed with ${code})`, chooseAnother, error);
  }
  await rmdir(probe);
}

/**
 * `run`'s check of where results will go, before anything starts: `--output` when given, else the
 * round's `output.dir` (the round is loaded for it; a round with problems fails here as it would
 * in the run).
 */
export async function checkRunOutput(roundFile: string, outputFlag: string | undefined, cwd: string): Promise<void> {
  if (outputFlag !== undefined) {
    await checkOutputDir(outputFlag, { namedBy: '--output', cwd });
    return;
  }
  const round = await loadRound(roundFile, { cwd });
  await checkOutputDir(round.output.dir, { namedBy: `${displayPathOf(round.file, cwd)} output.dir`, cwd });
}
