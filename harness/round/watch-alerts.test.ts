import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { DumpedNotification } from '../android/index.ts';
import { productProfileSchema } from '../config/index.ts';
import { selectAlertNotifications } from './watch-alerts.ts';

const PRODUCT = 'com.example.guard';

function notification(title: string, text: string): DumpedNotification {
  return { packageName: PRODUCT, id: 1, tag: undefined, key: `0|${PRODUCT}|1|${title}`, channelId: 'c', title, text, postTime: 1, flags: 0x10, ongoing: false, foregroundService: false };
}

/** The demo Sentinel profile with its `alerts.notificationPatterns` replaced by `patterns` (YAML text). */
async function profileWith(patterns: string): Promise<unknown> {
  const text = await readFile(new URL('../../scenarios/products/sentinel.yaml', import.meta.url), 'utf8');
  return parse(text.replace(/^ {2}notificationPatterns: .*$/m, `  notificationPatterns: ${patterns}`));
}

describe('which notifications are alerts', () => {
  const safeNotice = notification('App checked', 'System Service is safe');
  const threat = notification('Threat found', 'System Service (com.systemservice) is stalkerware');

  it('counts only notifications matching the profile\'s threat texts: an "is safe" notice naming the sample is not an alert', async () => {
    const profile = productProfileSchema.parse(await profileWith('[threat found]'));
    expect(selectAlertNotifications([safeNotice, threat], PRODUCT, profile.alerts.notificationPatterns, new Set())).toEqual([threat]);
  });

  it('counts none for `none` and all for `any`', async () => {
    const none = productProfileSchema.parse(await profileWith('none'));
    expect(selectAlertNotifications([safeNotice, threat], PRODUCT, none.alerts.notificationPatterns, new Set())).toEqual([]);
    const any = productProfileSchema.parse(await profileWith('any'));
    expect(selectAlertNotifications([safeNotice, threat], PRODUCT, any.alerts.notificationPatterns, new Set())).toEqual([safeNotice, threat]);
  });

  it('refuses an empty or missing list with what to write instead', async () => {
    for (const patterns of ['[]', 'null']) {
      const result = productProfileSchema.safeParse(await profileWith(patterns));
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain('`none` if it never alerts by notification');
    }
    const withoutAlerts = (await profileWith('none')) as Record<string, unknown>;
    delete withoutAlerts['alerts'];
    expect(productProfileSchema.safeParse(withoutAlerts).success).toBe(false);
  });
});
