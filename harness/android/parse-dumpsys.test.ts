import { describe, expect, it } from 'vitest';
import { parseDumpsysNotification } from './parse-dumpsys-notification.ts';
import { parseDumpsysPackageVersion } from './parse-dumpsys-package.ts';

// Shape recorded from `adb shell dumpsys notification --noredact` on an API 33 emulator (trimmed).
const NOTIFICATIONS = `Current Notification Manager state:
  Notification List:
    NotificationRecord(0x0c1e5a2f: pkg=com.sentinelav.mobile user=UserHandle{0} id=1001 tag=null importance=4 key=0|com.sentinelav.mobile|1001|null|10154: Notification(channel=threats shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x10 color=0x00000000 vis=PRIVATE))
      uid=10154 userId=0
      opPkg=com.sentinelav.mobile
      icon=Icon(typ=RESOURCE pkg=com.sentinelav.mobile id=0x7f080001)
      flags=0x10
      pri=0
      key=0|com.sentinelav.mobile|1001|null|10154
      when=1763800000123
      extras={
        android.title=String (Stalkerware detected (high risk))
        android.reminderTime=Long (1763800000123)
        android.text=String (System Service can read your messages)
        android.appInfo=ApplicationInfo (ApplicationInfo{5e3f0d1 com.sentinelav.mobile})
      }
      mChannel=NotificationChannel{mId='threats', mName=Threats, mImportance=4}
    NotificationRecord(0x09a0b1c2: pkg=android user=UserHandle{0} id=17 tag=null importance=2 key=0|android|17|null|1000: Notification(channel=DEVELOPER_IMPORTANT shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x2 color=0xff607d8b vis=PRIVATE))
      uid=1000 userId=0
      extras={
        android.title=String (USB debugging connected)
        android.text=String (Tap to turn off USB debugging)
      }

  mArchive=Archive (2 notifications)
    android.title=String (Old archived one)
`;

describe('parseDumpsysNotification', () => {
  it('reads package, id, channel, title, text and time of every posted notification', () => {
    const notifications = parseDumpsysNotification(NOTIFICATIONS);
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toEqual({
      packageName: 'com.sentinelav.mobile',
      id: 1001,
      tag: undefined,
      key: '0|com.sentinelav.mobile|1001|null|10154',
      channelId: 'threats',
      title: 'Stalkerware detected (high risk)',
      text: 'System Service can read your messages',
      postTime: 1763800000123,
    });
    expect(notifications[1]).toMatchObject({ packageName: 'android', title: 'USB debugging connected', channelId: 'DEVELOPER_IMPORTANT' });
  });

  it('returns nothing when no notification is posted', () => {
    expect(parseDumpsysNotification('Current Notification Manager state:\n  Notification List:\n\n')).toEqual([]);
  });
});

describe('parseDumpsysPackageVersion', () => {
  it('reads the installed version of the named package', () => {
    const output = `Packages:\n  Package [com.sentinelav.mobile] (3c1a2b):\n    userId=10154\n    pkg=Package{1f2e3d com.sentinelav.mobile}\n    versionCode=521 minSdk=26 targetSdk=33\n    versionName=5.2.1\n    splits=[base]\n`;
    expect(parseDumpsysPackageVersion(output, 'com.sentinelav.mobile')).toEqual({ versionCode: 521, versionName: '5.2.1' });
    expect(parseDumpsysPackageVersion(output, 'com.other')).toBeUndefined();
  });
});
