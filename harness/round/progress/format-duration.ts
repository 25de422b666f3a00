/** 65_000 → "1m05s", 3_723_000 → "1h02m", 12_300 → "12.3s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Remaining time from the mean duration of finished cases and the parallelism. */
export function estimateRemainingMs(finishedDurations: readonly number[], remainingCases: number, parallelism: number): number | undefined {
  if (finishedDurations.length === 0 || remainingCases <= 0) return remainingCases <= 0 ? 0 : undefined;
  const mean = finishedDurations.reduce((sum, d) => sum + d, 0) / finishedDurations.length;
  return (mean * remainingCases) / Math.max(1, parallelism);
}
