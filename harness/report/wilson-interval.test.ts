import { describe, expect, it } from 'vitest';
import { computeWilsonInterval } from './wilson-interval.ts';

describe('computeWilsonInterval', () => {
  it('matches published values', () => {
    // 17/20: 0.6396 – 0.9476 (e.g. R: binom::binom.wilson(17, 20)).
    const interval = computeWilsonInterval(17, 20);
    expect(interval?.low).toBeCloseTo(0.6396, 4);
    expect(interval?.high).toBeCloseTo(0.9476, 4);
    // 1/2: 0.0945 – 0.9055.
    expect(computeWilsonInterval(1, 2)?.low).toBeCloseTo(0.0945, 4);
    expect(computeWilsonInterval(1, 2)?.high).toBeCloseTo(0.9055, 4);
  });

  it('stays within [0, 1] at the edges', () => {
    expect(computeWilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
    expect(computeWilsonInterval(10, 10)).toEqual({ low: expect.closeTo(0.7225, 4), high: 1 });
  });

  it('has no interval without trials and rejects impossible counts', () => {
    expect(computeWilsonInterval(0, 0)).toBeUndefined();
    expect(() => computeWilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => computeWilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});
