import { createHash } from 'node:crypto';
import { toPathSegment } from '../evidence/index.ts';

/**
 * The folder an attempt's evidence must live in, relative to the round folder — the one
 * EvidenceRecorder writes (`evidence/<case>/<attempt>/`). A worker can send files into this folder
 * only: anything else (`..`, absolute paths, another case) is refused before a byte is written.
 */
export function attemptEvidenceDir(caseId: string, attempt: number): string {
  return `evidence/${toPathSegment(caseId)}/${attempt}`;
}

/** True when `path` is one file directly inside the attempt's evidence folder, with a plain name. */
export function isAttemptEvidencePath(path: string, caseId: string, attempt: number): boolean {
  const prefix = `${attemptEvidenceDir(caseId, attempt)}/`;
  if (!path.startsWith(prefix)) return false;
  const name = path.slice(prefix.length);
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name) && !name.includes('..');
}

/**
 * The coordinator's staging folder of one attempt (below `<round>/.incoming/`), named by job,
 * lock token and attempt: a late worker's files never land where the holder's files are.
 */
export function stagingKeyOf(jobId: string, token: string, attempt: number): string {
  return createHash('sha256').update(`${jobId}\n${token}\n${attempt}`).digest('hex').slice(0, 32);
}

export const INCOMING_DIR = '.incoming';
