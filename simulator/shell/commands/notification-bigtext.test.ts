import { describe, expect, it } from 'vitest';
import { parseDumpsysNotification } from '../../../harness/android/parse-dumpsys-notification.ts';
import { bootDevice } from '../testing/run-shell.ts';

describe('cmd notification post -S bigtext', () => {
  it('posts a BigTextStyle notification whose multi-line text dumpsys prints with raw newlines, and the harness reads it whole', async () => {
    const { sh } = await bootDevice();
    // A newline inside single quotes reaches the command as part of one argument, as in mksh.
    expect((await sh(`cmd notification post -S bigtext -t 'Threat found' alert 'Device Health is spyware.\nPackage: com.spy.health'`)).status).toBe(0);
    const dump = (await sh('dumpsys notification --noredact')).stdout;
    expect(dump).toContain('android.template=String (android.app.Notification$BigTextStyle)');
    expect(dump).toMatch(/android\.bigText=String \(Device Health is spyware\.\nPackage: com\.spy\.health\)\n/);
    const [posted] = parseDumpsysNotification(dump).filter((n) => n.packageName === 'com.android.shell');
    expect(posted?.text).toBe('Device Health is spyware.\nPackage: com.spy.health');
  });
});
