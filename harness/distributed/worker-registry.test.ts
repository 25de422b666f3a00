import { describe, expect, it } from 'vitest';
import { describeWorker, estimateRemainingMs, formatDurationShort } from './worker-registry.ts';

describe('the coordinator\'s live view', () => {
  it('estimates the time left from the pace so far, and nothing before the first case is decided', () => {
    expect(estimateRemainingMs(0, 24, 60_000)).toBeUndefined();
    expect(estimateRemainingMs(6, 24, 120_000)).toBe(360_000);
    expect(estimateRemainingMs(24, 24, 480_000)).toBe(0);
  });

  it('says durations the way a person reads them', () => {
    expect(formatDurationShort(20_000)).toBe('under a minute');
    expect(formatDurationShort(360_000)).toBe('6 min');
    expect(formatDurationShort(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
  });

  it('describes a worker by host, devices, running and done cases', () => {
    const entry = { workerId: 'lab-2-9120', host: 'lab-2', pid: '9120', round: 'q4', devices: 4, running: ['a.b.on-demand.p.r1'], done: 17, seenAt: 'now' };
    expect(describeWorker(entry)).toBe('lab-2 (worker lab-2-9120, round q4): 4 device(s), running a.b.on-demand.p.r1, 17 case(s) done');
    expect(describeWorker({ ...entry, running: [] })).toContain('4 device(s), idle, 17');
  });
});
