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

// Hand-written in the layout of API 33's NotificationRecord.dump (frameworks/base
// services/core/java/com/android/server/notification/NotificationRecord.java, dump and
// dumpNotification): a foreground service's notification whose app-set `when` differs from the post time.
const API33_FOREGROUND_SERVICE = `Current Notification Manager state:
  Notification List:
    NotificationRecord(0x0a1b2c3d: pkg=com.example.guard user=UserHandle{0} id=7 tag=null importance=2 key=0|com.example.guard|7|null|10160: Notification(channel=status shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x62 color=0xff2196f3 category=service vis=PRIVATE))
      uid=10160 userId=0
      opPkg=com.example.guard
      icon=Icon(typ=RESOURCE pkg=com.example.guard id=0x7f08005e)
      flags=0x62
      originalFlags=0x42
      pri=0
      key=0|com.example.guard|7|null|10160
      seen=true
      groupKey=0|com.example.guard|7|null|10160
      notification=
            fullscreenIntent=null
            contentIntent=PendingIntent{3f1e2d4: PendingIntentRecord{9a8b7c6 com.example.guard startActivity}}
            deleteIntent=null
            number=0
            groupAlertBehavior=0
            when=1763799990000
            tickerText=null
            contentView=null
            bigContentView=null
            headsUpContentView=null
            color=0xff2196f3
            timeout=unknown
            extras={
                android.title=String (Device health: good)
                android.text=String (Real-time scanning on)
                android.appInfo=ApplicationInfo (ApplicationInfo{71c2e0a com.example.guard})
            }
      publicNotification=
            None
      stats=SingleNotificationStats{posttimeElapsedMs=912345, posttimeToFirstClickMs=-1, posttimeToDismissMs=-1, airtimeCount=1, posttimeToFirstAirtimeMs=120, currentlyAirtime=true, airtimeMs=0, posttimeToFirstVisibleExpansionMs=-1, userExpansionCount=0, userExpansionCount=0, viewCount=1, dismissCount=0}
      mImportance=LOW
      mCreationTimeMs=1763800004567
      mVisibleSinceMs=1763800004700
      mUpdateTimeMs=1763800004567
      mInterruptionTimeMs=1763800004567
      mAdjustments=[]
      shortcut=null found valid? false

  mArchive=Archive (0 notifications)
`;

// Recorded from the virtual emulator's \`dumpsys notification --noredact\` (simulator/shell/commands/
// dumpsys-notification.ts; trimmed): Appium Settings' foreground service and a product's alert.
const SIMULATOR_OUTPUT = `
Current Notification Manager state:
  Notification List:
    NotificationRecord(0x0db592ad: pkg=io.appium.settings user=UserHandle{0} id=1 tag=null importance=3 key=0|io.appium.settings|1|null|10150: Notification(channel=main_channel shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x62 color=0x00000000 vis=PRIVATE))
      uid=10150 userId=0
      opPkg=io.appium.settings
      icon=Icon(typ=RESOURCE pkg=io.appium.settings id=0x7f080081)
      flags=0x62
      originalFlags=0x42
      pri=0
      key=0|io.appium.settings|1|null|10150
      seen=false
      groupKey=0|io.appium.settings|1|null|10150
      notification=
            fullscreenIntent=null
            contentIntent=PendingIntent{a317066: PendingIntentRecord{041e290 io.appium.settings startActivity}}
            deleteIntent=null
            number=0
            groupAlertBehavior=0
            when=1796517321322
            tickerText=null
            contentView=null
            bigContentView=null
            headsUpContentView=null
            color=0x00000000
            timeout=unknown
            extras={
                android.title=String (Appium Settings)
                android.reduced.images=Boolean (true)
                android.showWhen=Boolean (true)
                android.text=String (Keep this service running, so Appium for Android can properly interact with several system APIs)
                android.appInfo=ApplicationInfo (ApplicationInfo{5d663f7 io.appium.settings})
            }
      publicNotification=
            None
      mGlobalSortKey=crs=0:0|0|1|1|0|io.appium.settings|1|null|10150
      mRankingTimeMs=1796517321322
      mCreationTimeMs=1796517321322
      mVisibleSinceMs=0
      mUpdateTimeMs=1796517321322
      mInterruptionTimeMs=1796517321322
      mAdjustments=[]
      shortcut=null found valid? false

    NotificationRecord(0x0dac2119: pkg=com.sentinelav.mobile user=UserHandle{0} id=102 tag=null importance=3 key=0|com.sentinelav.mobile|102|null|10154: Notification(channel=threat_alerts shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x10 color=0x00000000 vis=PRIVATE))
      uid=10154 userId=0
      opPkg=com.sentinelav.mobile
      icon=Icon(typ=RESOURCE pkg=com.sentinelav.mobile id=0x7f080081)
      flags=0x10
      originalFlags=0x10
      pri=0
      key=0|com.sentinelav.mobile|102|null|10154
      seen=false
      groupKey=0|com.sentinelav.mobile|102|null|10154
      notification=
            fullscreenIntent=null
            when=1796517325001
            extras={
                android.title=String (Stalkerware detected)
                android.reduced.images=Boolean (true)
                android.showWhen=Boolean (true)
                android.text=String (Device Health (mSpy) can monitor this device)
            }
      publicNotification=
            None
      mCreationTimeMs=1796517325001
      mAdjustments=[]
      shortcut=null found valid? false


  mArchive

  Notification listeners:

  Snoozed notifications:
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
      flags: 0x10,
      ongoing: false,
      foregroundService: false,
    });
    expect(notifications[1]).toMatchObject({ packageName: 'android', title: 'USB debugging connected', channelId: 'DEVELOPER_IMPORTANT', flags: 0x2, ongoing: true, foregroundService: false });
  });

  it('reads flags and the post time from the API 33 layout (record lines, notification= at twice the indent)', () => {
    const notifications = parseDumpsysNotification(API33_FOREGROUND_SERVICE);
    expect(notifications).toEqual([{
      packageName: 'com.example.guard', id: 7, tag: undefined, key: '0|com.example.guard|7|null|10160', channelId: 'status',
      title: 'Device health: good', text: 'Real-time scanning on', postTime: 1763800004567,
      flags: 0x62, ongoing: true, foregroundService: true,
    }]);
  });

  it('reads dumpsys notification as the virtual emulator prints it', () => {
    const notifications = parseDumpsysNotification(SIMULATOR_OUTPUT);
    expect(notifications.map(({ packageName, flags, ongoing, foregroundService, postTime, title }) => ({ packageName, flags, ongoing, foregroundService, postTime, title }))).toEqual([
      { packageName: 'io.appium.settings', flags: 0x62, ongoing: true, foregroundService: true, postTime: 1796517321322, title: 'Appium Settings' },
      { packageName: 'com.sentinelav.mobile', flags: 0x10, ongoing: false, foregroundService: false, postTime: 1796517325001, title: 'Stalkerware detected' },
    ]);
    expect(notifications[1]?.text).toBe('Device Health (mSpy) can monitor this device');
  });

  it('falls back to the header flags when the record lines are missing; NO_CLEAR alone is not ongoing', () => {
    const [only] = parseDumpsysNotification('    NotificationRecord(0x01: pkg=a.b user=UserHandle{0} id=1 tag=null importance=2 key=0|a.b|1|null|10001: Notification(channel=c shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x20 color=0x00000000 vis=PRIVATE))\n');
    expect(only).toMatchObject({ flags: 0x20, ongoing: false, foregroundService: false, postTime: undefined });
  });

  it('reads a multi-line bigText whole: Android prints its raw newlines (BigTextStyle)', () => {
    const block = [
      '    NotificationRecord(0x0e1: pkg=com.x.av user=UserHandle{0} id=3 tag=null importance=4 key=0|com.x.av|3|null|10150: Notification(channel=threats shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x10 color=0x00000000 vis=PRIVATE))',
      '      flags=0x10',
      '      extras={',
      '        android.title=String (Threat found (2))',
      '        android.text=String (2 apps need attention)',
      '        android.template=String (android.app.Notification$BigTextStyle)',
      '        android.bigText=String (Device Health (com.spy.health) reads your messages.',
      'Open the app: it can (also) track you)',
      'Before you remove it, contact a helpline.)',
      '        android.appInfo=ApplicationInfo (ApplicationInfo{1 com.x.av})',
      '      }',
      '',
    ].join('\n');
    const [only] = parseDumpsysNotification(block);
    expect(only?.title).toBe('Threat found (2)');
    expect(only?.text).toBe('Device Health (com.spy.health) reads your messages.\nOpen the app: it can (also) track you)\nBefore you remove it, contact a helpline.');
    // The last extra of a block ends at the block's closing brace.
    const last = parseDumpsysNotification(block.replace(/\n {8}android\.appInfo=[^\n]*/, ''));
    expect(last[0]?.text).toContain('contact a helpline.');
    expect(last[0]?.text.endsWith(')')).toBe(false);
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
