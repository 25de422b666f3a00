import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRound } from '../config/index.ts';
import { APP_DELAY_SCALE_SETTING, applyAppDelayScale, recordedAppDelayScale } from './app-delay-scale.ts';

const DEMO = fileURLToPath(new URL('../../scenarios/rounds/demo.yaml', import.meta.url));

describe('appDelayScale', () => {
  it('the demo round scales its virtual apps and its watch budgets alike, and round.json records it', async () => {
    const round = await loadRound(DEMO);
    expect(round.appDelayScale).toBe(0.1);
    const scaled = applyAppDelayScale(round);
    expect(scaled.deviceSettings.global?.[APP_DELAY_SCALE_SETTING]).toBe('0.1');
    for (const [index, product] of scaled.products.entries()) {
      const real = round.products[index]?.expectedDelays;
      expect(product.expectedDelays).toEqual({
        firstStartMs: Math.round((real?.firstStartMs ?? 0) / 10), updateMs: Math.round((real?.updateMs ?? 0) / 10),
        scanMs: Math.round((real?.scanMs ?? 0) / 10), realTimeAlertMs: Math.round((real?.realTimeAlertMs ?? 0) / 10),
      });
    }
    expect(recordedAppDelayScale(round)).toEqual({ appDelayScale: 0.1 });
  });

  it('a physical round ignores it: real apps do not read the setting', async () => {
    const round = { ...(await loadRound(DEMO)), devices: { kind: 'physical' as const, serials: ['R5CT0000000'], allowSamples: false } };
    expect(applyAppDelayScale(round)).toBe(round);
    expect(recordedAppDelayScale(round)).toEqual({});
  });

  it('at 1 nothing changes and nothing is recorded', async () => {
    const round = { ...(await loadRound(DEMO)), appDelayScale: 1 };
    expect(applyAppDelayScale(round)).toBe(round);
    expect(recordedAppDelayScale(round)).toEqual({});
  });
});
