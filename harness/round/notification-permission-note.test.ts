import { describe, expect, it } from 'vitest';
import { parseNotificationPermission } from '../android/index.ts';
import { bootDevice, fixtureApk, installVia } from '../../simulator/shell/testing/run-shell.ts';
import { describeNotificationPermission } from './notification-permission-note.ts';

const SENTINEL = 'com.sentinelav.mobile';
const CERBERUS = 'com.lsdroid.cerberus';

describe('parseNotificationPermission (dumpsys package of the virtual API 33 phone)', () => {
  it('reads granted / not-granted from the runtime permissions, not-requested from the manifest', async () => {
    const { sh } = await bootDevice();
    await installVia(sh, fixtureApk('product-sentinelav'));
    const dump = async (name: string): Promise<string> => (await sh(`dumpsys package ${name}`)).stdout;
    expect(parseNotificationPermission(await dump(SENTINEL), SENTINEL)).toBe('not-granted');
    await sh(`pm grant ${SENTINEL} android.permission.POST_NOTIFICATIONS`);
    expect(parseNotificationPermission(await dump(SENTINEL), SENTINEL)).toBe('granted');
    await installVia(sh, fixtureApk('stalkerware-cerberus'));
    expect(parseNotificationPermission(await dump(CERBERUS), CERBERUS)).toBe('not-requested');
    expect(parseNotificationPermission(await dump('no.such.pkg'), 'no.such.pkg')).toBeUndefined();
  });

  it('describes only the states in which notifications are dropped', () => {
    expect(describeNotificationPermission('not-granted')).toMatch(/^POST_NOTIFICATIONS not granted after onboarding: the product never asked/);
    expect(describeNotificationPermission('not-requested')).toMatch(/does not request it/);
    expect(describeNotificationPermission('granted')).toBeUndefined();
    expect(describeNotificationPermission('not-runtime')).toBeUndefined();
  });
});
