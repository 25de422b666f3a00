import type { Rate } from './report-model.ts';

/** "85.0 %" or "–" without completed cases. */
export function formatPercent(value: number | undefined): string {
  return value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
}

/** "17/20". */
export function formatCount(rate: Rate): string {
  return `${rate.count}/${rate.total}`;
}

/** "64.0–94.8 %" or "–". */
export function formatInterval(rate: Rate): string {
  if (rate.interval === undefined) return '–';
  return `${(rate.interval.low * 100).toFixed(1)}–${(rate.interval.high * 100).toFixed(1)} %`;
}

/** "17/20 · 85.0 % (95 % CI 64.0–94.8 %)". */
export function formatRate(rate: Rate): string {
  if (rate.total === 0) return '0/0 · –';
  return `${formatCount(rate)} · ${formatPercent(rate.rate)} (95 % CI ${formatInterval(rate)})`;
}

/** A remediation rate: "2/3 · 66.7 %", or "not tested" when no case tested it (never "0/0", which would read as "no"). */
export function formatRemediated(rate: Rate): string {
  return rate.total === 0 ? 'not tested' : `${formatCount(rate)} · ${formatPercent(rate.rate)}`;
}

/** One case's remediation for results.csv: yes, no, or not tested. */
export function describeRemediated(remediation: { remediated: boolean } | undefined): string {
  return remediation === undefined ? 'not tested' : remediation.remediated ? 'yes' : 'no';
}

/** "4.2 s", "850 ms", or "–". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** Rounds to 4 decimals for JSON output, keeping undefined. */
export function roundRatio(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10_000) / 10_000;
}

/** "2026-11-20 10:00 UTC" from any ISO time with an offset. */
export function formatTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2026-11-20 10:00 UTC – 2026-11-20 12:00 UTC", or "… – unfinished". */
export function formatPeriod(startedAt: string, finishedAt: string | null): string {
  return `${formatTime(startedAt)} – ${finishedAt === null ? 'unfinished' : formatTime(finishedAt)}`;
}
