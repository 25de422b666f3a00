import { describe, expect, it } from 'vitest';
import { productProfileSchema } from './product-profile-schema.ts';

const BASE = {
  id: 'x', vendor: 'v', name: 'n', package: 'a.b', apk: { file: 'a.apk', sha256: 'a'.repeat(64) },
  flows: { onboarding: [], scan: [] }, alerts: { notificationPatterns: ['threat found'] },
};
const LIST = { item: { id: 'a.b:id/row' }, threatName: { id: 'a.b:id/name' }, noThreats: { text: 'No threats' } };

function issues(results: unknown, extra: Record<string, unknown> = {}): string[] {
  const parsed = productProfileSchema.safeParse({ ...BASE, ...extra, results });
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('results shapes in a product profile', () => {
  it('keeps today\'s list form unchanged', () => {
    const parsed = productProfileSchema.parse({ ...BASE, results: LIST });
    expect(parsed.results).toEqual({ ...LIST, scroll: true });
    expect(parsed.results.shape).toBeUndefined();
  });

  it('needs the keys of each shape, and refuses them on another', () => {
    expect(issues({ ...LIST, shape: 'dialog' })).toEqual([expect.stringMatching(/^results\.dialog: shape dialog needs/)]);
    expect(issues({ ...LIST, shape: 'details' })).toEqual([expect.stringMatching(/^results\.details: shape details needs/)]);
    expect(issues({ ...LIST, dialog: { id: 'a.b:id/d' } })).toEqual([expect.stringMatching(/^results\.dialog: `dialog` is only read with shape dialog/)]);
    expect(issues({ ...LIST, shape: 'dialog', dialog: { xpath: '//x' } })).toEqual([expect.stringMatching(/^results\.shape: shape dialog reads its selectors from the page source/)]);
    expect(issues({ ...LIST, shape: 'lst' })).toEqual(['results.shape: expected one of list, cards, dialog, details, notification']);
    expect(issues({ ...LIST, shape: 'cards' })).toEqual([]);
    expect(issues({ ...LIST, shape: 'details', details: { screen: { id: 'a.b:id/d' }, threatName: { id: 'a.b:id/t' } } })).toEqual([]);
  });

  it('reads the notification form into the same mapping, with its end and budget', () => {
    const parsed = productProfileSchema.parse({ ...BASE, results: { shape: 'notification', finished: { notification: 'scan complete' } } });
    expect(parsed.results.shape).toBe('notification');
    expect(parsed.results.notification).toEqual({ finished: { notification: 'scan complete' }, finishedTimeoutMs: 10_000, withinMs: 10_000 });
    expect(issues({ shape: 'notification', finished: {} })).toEqual([expect.stringMatching(/^results\.finished: finished needs exactly one of/)]);
    expect(issues({ shape: 'notification', finished: { notification: 'done' }, item: { id: 'a.b:id/x' } })).toEqual([expect.stringMatching(/^results: Unrecognized key/)]);
    expect(issues({ shape: 'notification', finished: { notification: 'done' } }, { alerts: { notificationPatterns: 'none' } }))
      .toEqual([expect.stringMatching(/^alerts\.notificationPatterns: results shape notification reads threats from notifications/)]);
  });

  it('needs flows.remediate for remediation', () => {
    expect(issues(LIST, { remediation: { warning: { text: 'Careful' } } })).toEqual([expect.stringMatching(/^remediation: remediation needs flows\.remediate/)]);
    expect(issues(LIST, { remediation: { warning: { text: 'Careful' } }, flows: { ...BASE.flows, remediate: [] } })).toEqual([]);
  });

  it('refuses index and relative keys where the harness matches on one lookup or a page source: alert dialogs and system-dialog handlers', () => {
    const alerts = (dialog: Record<string, unknown>) => issues(LIST, { alerts: { notificationPatterns: ['threat'], dialogs: [dialog] } });
    expect(alerts({ match: { id: 'a.b:id/alert' }, text: { id: 'a.b:id/msg' } })).toEqual([]);
    expect(alerts({ match: { id: 'a.b:id/alert', index: 1 } }).join(' ')).toMatch(/^alerts\.dialogs\.0\.match: /);
    expect(alerts({ match: { id: 'a.b:id/alert' }, text: { text: 'x', below: { text: 'y' } } }).join(' ')).toMatch(/^alerts\.dialogs\.0\.text: /);
    const handler = (entry: Record<string, unknown>) => issues(LIST, { systemDialogs: [{ name: 'battery-prompt', match: { text: 'Let app always run in background?' }, tap: { text: 'Allow' }, ...entry }] });
    expect(handler({})).toEqual([]);
    expect(handler({ tap: { text: 'Allow', index: 0 } }).join(' ')).toMatch(/^systemDialogs\.0/);
  });
});
