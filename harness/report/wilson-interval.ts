/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion k/n. Unlike the normal approximation it stays
 * inside [0, 1] and behaves at 0/n and n/n, which small security rounds hit all the time
 * (Wilson 1927; Brown, Cai & DasGupta 2001). Returns undefined when n is 0.
 */
export function computeWilsonInterval(successes: number, trials: number, z: number = Z_95): Interval | undefined {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`wilson interval needs integers 0 <= successes <= trials, got ${successes}/${trials}`);
  }
  if (trials === 0) return undefined;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // The exact ends are 0 and 1 at k = 0 and k = n; pin them against rounding noise.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
