import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { HarnessError } from '../errors/index.ts';
import { displayPathOf } from './load-yaml-file.ts';

export interface PinnedFile {
  /** Absolute path of the file. */
  file: string;
  /** Expected SHA-256, lower-case hex. */
  sha256: string;
  /** Where the pin is written (`scenarios/samples/demo.yaml:14 samples[3].sha256`). */
  pinnedAt: string;
}

/** SHA-256 of a file, lower-case hex, streamed (samples may be large). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checks that a file named in the configuration exists and has its pinned SHA-256. Samples are
 * live spyware: nothing may reach a device unless its bytes are the ones the catalogue names.
 */
export async function verifyPinnedFile(pin: PinnedFile, cwd: string = process.cwd()): Promise<void> {
  const shown = displayPathOf(pin.file, cwd);
  const info = await stat(pin.file).catch(() => undefined);
  if (!info?.isFile()) {
    throw new HarnessError('FILE_NOT_FOUND', `${pin.pinnedAt}: file ${shown} does not exist`, {
      hint: 'build the demo fixtures (`npm run fixtures`) or fix the `file` path (relative to the YAML file)',
    });
  }
  const actual = await hashFile(pin.file);
  if (actual !== pin.sha256) {
    throw new HarnessError('SAMPLE_HASH_MISMATCH', `${pin.pinnedAt}: ${shown} has SHA-256 ${actual}, pinned ${pin.sha256}`, {
      hint: 'rebuild the fixtures (`npm run fixtures`) if the file is wrong, or update the pin if the new file is intended',
    });
  }
}
