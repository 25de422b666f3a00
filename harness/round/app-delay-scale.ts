import type { ResolvedRound } from '../config/index.ts';

/**
 * The global setting through which the virtual apps scale their delays (the simulator's
 * simulator/apps/app-delays.ts reads it at every wait). Real apps ignore it.
 */
export const APP_DELAY_SCALE_SETTING = 'stalkerbench_app_delay_scale';

/**
 * A round as it runs with its `appDelayScale`: on emulators the setting goes into the clean snapshot
 * (with the round's own `deviceSettings`) and every product's watch budgets shrink by the same
 * factor, so a case waits for an alert as long, relative to the app's delays, as at scale 1.
 * Physical rounds, and rounds at scale 1, are returned unchanged.
 */
export function applyAppDelayScale(round: ResolvedRound): ResolvedRound {
  const scale = round.appDelayScale;
  if (scale === 1 || round.devices.kind === 'physical') return round;
  const scaled = (ms: number): number => Math.max(1, Math.round(ms * scale));
  return {
    ...round,
    products: round.products.map((product) => ({
      ...product,
      expectedDelays: {
        ...product.expectedDelays,
        firstStartMs: scaled(product.expectedDelays.firstStartMs),
        updateMs: scaled(product.expectedDelays.updateMs),
        scanMs: scaled(product.expectedDelays.scanMs),
        realTimeAlertMs: scaled(product.expectedDelays.realTimeAlertMs),
      },
    })),
    deviceSettings: { ...round.deviceSettings, global: { ...round.deviceSettings.global, [APP_DELAY_SCALE_SETTING]: String(scale) } },
  };
}

/** What round.json records: the scale the virtual devices ran with, absent when 1 or on phones. */
export function recordedAppDelayScale(round: ResolvedRound): { appDelayScale?: number } {
  return round.appDelayScale === 1 || round.devices.kind === 'physical' ? {} : { appDelayScale: round.appDelayScale };
}
