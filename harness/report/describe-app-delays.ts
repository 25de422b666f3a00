import type { RoundFile } from '../results/index.ts';

/**
 * The method's sentence on app delays, or undefined at real delays. A round on virtual emulators may
 * scale its apps' delays (round key `appDelayScale`, e.g. the demo's ×0.1); the reader must know
 * that the times shown are shortened, and that the watch budgets were shortened with them.
 */
export function describeAppDelays(round: Pick<RoundFile, 'appDelayScale'>): string | undefined {
  const scale = round.appDelayScale;
  if (scale === undefined || scale === 1) return undefined;
  return `App delays scaled ×${scale} on virtual devices: the virtual products' scans, updates and alerts took ${scale} of their real time, and the harness's watch budgets were scaled alike (round key appDelayScale). Times to alert are shortened by the same factor; a check that races the stalkerware's setup kept its real delay, so the order of events and every verdict are those of real delays.`;
}
