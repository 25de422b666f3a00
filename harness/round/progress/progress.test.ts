import { describe, expect, it, vi } from 'vitest';
import { ReporterMultiplexer, type CaseEndEvent } from '../reporter.ts';
import { estimateRemainingMs, formatDuration } from './format-duration.ts';
import { LineReporter } from './line-reporter.ts';
import { LiveReporter } from './live-reporter.ts';

const caseEnd: CaseEndEvent = {
  caseId: 'sentinel--thetruth--on-demand--1', productId: 'sentinel', sampleId: 'thetruth', mode: 'on-demand', repetition: 1,
  attempt: 1, status: 'completed', willRetry: false, falsePositiveCheck: false, detected: true, alerted: false, durationMs: 12_300, error: undefined, device: 'emulator-5600',
};

describe('progress', () => {
  it('formats durations and estimates the remaining time', () => {
    expect(formatDuration(900)).toBe('0.9s');
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(3_723_000)).toBe('1h02m');
    expect(estimateRemainingMs([10_000, 20_000], 4, 2)).toBe(30_000);
    expect(estimateRemainingMs([], 4, 2)).toBeUndefined();
  });

  it('writes one line per finished case and a closing summary', () => {
    const out: string[] = [];
    const reporter = new LineReporter((t) => out.push(t));
    reporter.onRunStart({ roundId: 'demo', totalCases: 2, alreadyDone: 0, devices: 2, outputDir: 'reports/demo' });
    reporter.onCaseEnd(caseEnd);
    reporter.onCaseEnd({ ...caseEnd, status: 'infra-error', willRetry: true, error: 'device lost', detected: undefined });
    reporter.onRunEnd({ roundId: 'demo', completed: 1, errors: 0, notExecuted: 1, durationMs: 30_000, interrupted: false, outputDir: 'reports/demo' });
    expect(out[1]).toBe('[1/2] sentinel × thetruth [on-demand] #1 attempt 1: detected (12.3s, emulator-5600)\n');
    expect(out[2]).toContain('infra-error (retrying) (12.3s, emulator-5600) — device lost');
    expect(out[3]).toContain('1 completed, 0 errors (not counted), 1 not executed');
  });

  it('tells a CI log when a device is replaced or leaves the round, and nothing of routine states', () => {
    const out: string[] = [];
    const reporter = new LineReporter((t) => out.push(t));
    for (const state of ['launching', 'idle', 'restoring', 'busy'] as const) reporter.onDeviceState({ device: 'emulator-5600', state });
    reporter.onDeviceState({ device: 'emulator-5600', state: 'replacing', detail: 'snapshot restore failed' });
    reporter.onDeviceState({ device: 'emulator-5600', state: 'dead', detail: 'exited with 1 before booting' });
    expect(out).toEqual([
      'device emulator-5600 is being replaced: snapshot restore failed\n',
      'device emulator-5600 left the round: exited with 1 before booting; its cases go to the other devices\n',
    ]);
  });

  it('words a false-positive check by whether the clean app was flagged', () => {
    const out: string[] = [];
    const reporter = new LineReporter((t) => out.push(t));
    reporter.onCaseEnd({ ...caseEnd, falsePositiveCheck: true, detected: false, alerted: false });
    reporter.onCaseEnd({ ...caseEnd, falsePositiveCheck: true, detected: true });
    expect(out[0]).toContain(': not flagged (correct) (');
    expect(out[1]).toContain(': FLAGGED (false positive) (');
  });

  it('never words a product crash or a case to review as missed or detected', () => {
    const out: string[] = [];
    const reporter = new LineReporter((t) => out.push(t));
    reporter.onCaseEnd({ ...caseEnd, status: 'product-error', willRetry: true, detected: undefined, alerted: undefined, error: 'PRODUCT_CRASHED: keeps stopping' });
    reporter.onCaseEnd({ ...caseEnd, status: 'product-error', attempt: 2, detected: undefined, alerted: undefined, error: 'PRODUCT_CRASHED: keeps stopping' });
    reporter.onCaseEnd({ ...caseEnd, detected: false, alerted: false, verdictRule: 'ambiguous' });
    reporter.onCaseEnd({ ...caseEnd, falsePositiveCheck: true, detected: false, alerted: false, verdictRule: 'ambiguous' });
    expect(out[0]).toContain('attempt 1: product-error: crashed or not responding, not counted (retrying) (');
    expect(out[1]).toContain('attempt 2: product-error: crashed or not responding, not counted (12.3s, emulator-5600) — PRODUCT_CRASHED: keeps stopping');
    for (const line of out.slice(2)) {
      expect(line).toContain(': NEEDS REVIEW (match also fits another app; not counted) (');
      expect(line).not.toMatch(/missed|not flagged/);
    }

    const live = new LiveReporter({ write: () => undefined, now: () => 0, columns: 200 });
    live.onRunStart({ roundId: 'demo', totalCases: 2, alreadyDone: 0, devices: 1, outputDir: 'x' });
    live.onCaseEnd({ ...caseEnd, status: 'product-error', detected: undefined, alerted: undefined, error: 'PRODUCT_NOT_RESPONDING: isn\'t responding' });
    live.onCaseEnd({ ...caseEnd, detected: false, alerted: false, verdictRule: 'ambiguous' });
    const lines = live.render();
    expect(lines[0]).toMatch(/failures 1 {2}to review 1/);
    expect(lines).toContain('  ! sentinel × thetruth [on-demand]: product-error: crashed or not responding, not counted — PRODUCT_NOT_RESPONDING: isn\'t responding');
    expect(lines).toContain('  ? sentinel × thetruth [on-demand]: NEEDS REVIEW (match also fits another app; not counted)');
  });

  it('renders devices, progress and failures in the live view', () => {
    const reporter = new LiveReporter({ write: () => undefined, now: () => 0 });
    reporter.onRunStart({ roundId: 'demo', totalCases: 4, alreadyDone: 1, devices: 2, outputDir: 'x' });
    reporter.onCaseStart({ ...caseEnd, attempt: 2, device: 'emulator-5602' });
    reporter.onCaseEnd({ ...caseEnd, status: 'flow-error', error: 'scan button missing' });
    const lines = reporter.render();
    expect(lines[0]).toMatch(/2\/4 cases/);
    expect(lines[0]).toMatch(/failures 1/);
    expect(lines.some((l) => l.includes('emulator-5602') && l.includes('attempt 2'))).toBe(true);
    expect(lines.some((l) => l.includes('scan button missing'))).toBe(true);
  });

  it('isolates a reporter that throws', async () => {
    const onError = vi.fn();
    const seen: string[] = [];
    const mux = new ReporterMultiplexer([
      { onCaseEnd: () => { throw new Error('broken reporter'); } },
      { onCaseEnd: (e) => { seen.push(e.caseId); } },
    ], onError);
    await mux.onCaseEnd(caseEnd);
    expect(seen).toEqual([caseEnd.caseId]);
    expect(onError).toHaveBeenCalledOnce();
  });
});
