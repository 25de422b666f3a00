import { describe, expect, it } from 'vitest';
import { parseNotificationPermission } from '../android/index.ts';
import { bootDevice, fixtureApk, installVia } from '../../simulator/shell/testing/run-shell.ts';
import { describeNotificationPermission } from './notification-permission-note.ts';

const SENTINEL = 'com.sentinelav.mobile';
const CERBERUS = 'com.lsdroid.cerberus';

describe('parseNotificationPermission (dumpsys package of the virtual API 33 phone)', () => {
  it('reads granted / never-asked from the runtime permissions, not-requested from the manifest', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, fixtureApk('product-sentinelav'));
    const dump = async (name: string): Promise<string> => (await sh(`dumpsys package ${name}`)).stdout;
    expect(parseNotificationPermission(await dump(SENTINEL), SENTINEL)).toBe('never-asked');
    await sh(`pm grant ${SENTINEL} android.permission.POST_NOTIFICATIONS`);
    expect(parseNotificationPermission(await dump(SENTINEL), SENTINEL)).toBe('granted');
    await installVia(sh, fixtureApk('stalkerware-cerberus'));
    // Cerberus targets ≤ 32: on API 33 it holds POST_NOTIFICATIONS implicitly, never answered.
    expect(parseNotificationPermission(await dump(CERBERUS), CERBERUS)).toBe('never-asked');
    expect(parseNotificationPermission(await dump('no.such.pkg'), 'no.such.pkg')).toBeUndefined();
  });

  it('tells an answered dialog from one never shown by the USER_SET / USER_FIXED flags', () => {
    const dump = (flags: string): string => [
      'Packages:',
      '  Package [com.example.av] (1a2b3c):',
      '    User 0: ceDataInode=131153 installed=true',
      '      runtime permissions:',
      `        android.permission.POST_NOTIFICATIONS: granted=false, flags=[ ${flags} ]`,
      '',
    ].join('\n');
    expect(parseNotificationPermission(dump('USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED'), 'com.example.av')).toBe('never-asked');
    expect(parseNotificationPermission(dump('REVIEW_REQUIRED|USER_SENSITIVE_WHEN_GRANTED'), 'com.example.av')).toBe('never-asked');
    expect(parseNotificationPermission(dump('USER_SET|USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED'), 'com.example.av')).toBe('denied');
    expect(parseNotificationPermission(dump('USER_SET|USER_FIXED|USER_SENSITIVE_WHEN_DENIED'), 'com.example.av')).toBe('denied');
  });

  it('describes only the states in which notifications are dropped', () => {
    expect(describeNotificationPermission('never-asked')).toMatch(/^POST_NOTIFICATIONS not granted: the product never asked/);
    expect(describeNotificationPermission('denied')).toMatch(/dialog was denied/);
    expect(describeNotificationPermission('not-requested')).toMatch(/^POST_NOTIFICATIONS not granted: the product never asked \(it does not request it/);
    expect(describeNotificationPermission('granted')).toBeUndefined();
    expect(describeNotificationPermission('not-runtime')).toBeUndefined();
  });
});
