import { describe, expect, it } from 'vitest';
import { flingDistancePx } from './fling.ts';

const DENSITY = 2.625; // 420 dpi, the pixel-api33 profile

describe('flingDistancePx (OverScroller spline)', () => {
  it('a 250 ms swipe over 40 % of a 2400 px screen scrolls on by about its own length again', () => {
    const finger = 0.4 * 2400;
    const extra = flingDistancePx((finger / 250) * 1000, DENSITY);
    expect(extra).toBeGreaterThan(900);
    expect(extra).toBeLessThan(1100);
    // Finger and fling together: 1.1–1.3 times a list viewport of about 1600 px, as measured on phones.
    expect((finger + extra) / 1600).toBeGreaterThan(1.1);
    expect((finger + extra) / 1600).toBeLessThan(1.3);
  });

  it('is zero below the minimum fling velocity (50 dp/s) and capped at the maximum (8000 dp/s)', () => {
    expect(flingDistancePx(0, DENSITY)).toBe(0);
    expect(flingDistancePx(49 * DENSITY, DENSITY)).toBe(0);
    expect(flingDistancePx(-3840, DENSITY)).toBe(flingDistancePx(3840, DENSITY));
    expect(flingDistancePx(1e9, DENSITY)).toBe(flingDistancePx(8000 * DENSITY, DENSITY));
  });
});
