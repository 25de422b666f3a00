import type { AttemptResult } from './attempt-schema.ts';

/**
 * Each case's final attempt: the line marked `final`. If a resumed round wrote a case twice the
 * later line wins, since it is the one the runner settled on last. Cases with no final line yet
 * (a crash between retries) are absent: they are still open.
 */
export function finalOutcomes(results: readonly AttemptResult[]): Map<string, AttemptResult> {
  const finals = new Map<string, AttemptResult>();
  for (const result of results) {
    if (result.final) finals.set(result.caseId, result);
  }
  return finals;
}

/** Every attempt of each case, in attempt order (ties keep file order). */
export function groupAttempts(results: readonly AttemptResult[]): Map<string, AttemptResult[]> {
  const groups = new Map<string, AttemptResult[]>();
  for (const result of results) {
    const group = groups.get(result.caseId);
    if (group) group.push(result);
    else groups.set(result.caseId, [result]);
  }
  for (const group of groups.values()) if (group.length > 1) group.sort((a, b) => a.attempt - b.attempt);
  return groups;
}
