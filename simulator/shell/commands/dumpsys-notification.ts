/**
 * `dumpsys notification [--noredact]`: NotificationRecord blocks with `pkg=`, `key=`, the channel and
 * the flags, the post time and the `extras={ android.title=String (…) android.text=String (…) }` the harness reads. Without
 * `--noredact` texts are redacted the way Android does (`String [length=N]`).
 */
import type { AndroidModel } from '../../device/android-model.ts';
import type { NotificationRecordJson } from '../../device/notification-center.ts';
import { objectHash } from './object-hash.ts';

export function dumpNotification(device: AndroidModel, args: readonly string[]): string {
  const noRedact = args.includes('--noredact');
  const records = device.notifications.list();
  const lines = ['', 'Current Notification Manager state:', '  Notification List:'];
  for (const record of records) lines.push(...recordBlock(record, noRedact));
  lines.push(
    '',
    '  mArchive',
    '',
    '  Notification listeners:',
    ...enabledListeners(device).map((component) => `    ${component}`),
    '',
    `  Snoozed notifications:`,
    '',
  );
  return `${lines.join('\n')}\n`;
}

function enabledListeners(device: AndroidModel): string[] {
  return (device.getSetting('secure', 'enabled_notification_listeners') ?? '').split(':').filter((entry) => entry !== '');
}

function extra(name: string, value: string, noRedact: boolean): string {
  return noRedact ? `                ${name}=String (${value})` : `                ${name}=String [length=${value.length}]`;
}

/**
 * One record as API 33's NotificationRecord.dump prints it: the header is `NotificationRecord.toString()`
 * with `Notification.toString()` inside (`flags=0x…` in hex), then the record's own lines (`flags=`,
 * `originalFlags=`: before the posting added ONGOING | NO_CLEAR), the notification under `notification=` at twice the indent (dumpNotification),
 * and the times (`mCreationTimeMs` is the post time, ms since the epoch).
 */
function recordBlock(record: NotificationRecordJson, noRedact: boolean): string[] {
  const hash = objectHash(`notif:${record.key}`);
  const flags = record.flags.toString(16);
  const n = '            ';
  return [
    `    NotificationRecord(0x0${hash}: pkg=${record.packageName} user=UserHandle{0} id=${record.id} tag=${record.tag ?? 'null'} importance=${record.importance ?? 3} key=${record.key}: Notification(channel=${record.channelId} shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x${flags} color=0x00000000 vis=PRIVATE))`,
    `      uid=${record.uid} userId=0`,
    `      opPkg=${record.packageName}`,
    `      icon=Icon(typ=RESOURCE pkg=${record.packageName} id=0x7f080081)`,
    `      flags=0x${flags}`,
    `      originalFlags=0x${record.originalFlags.toString(16)}`,
    '      pri=0',
    `      key=${record.key}`,
    '      seen=false',
    `      groupKey=${record.key}`,
    '      notification=',
    `${n}fullscreenIntent=null`,
    `${n}contentIntent=PendingIntent{${objectHash(`pi:${record.key}`)}: PendingIntentRecord{${objectHash(`pir:${record.key}`)} ${record.packageName} startActivity}}`,
    `${n}deleteIntent=null`,
    `${n}number=0`,
    `${n}groupAlertBehavior=0`,
    `${n}when=${record.postTime}`,
    `${n}tickerText=null`,
    `${n}contentView=null`,
    `${n}bigContentView=null`,
    `${n}headsUpContentView=null`,
    `${n}color=0x00000000`,
    `${n}timeout=unknown`,
    `${n}extras={`,
    extra('android.title', record.title, noRedact),
    '                android.reduced.images=Boolean (true)',
    '                android.showWhen=Boolean (true)',
    extra('android.text', record.text, noRedact),
    // BigTextStyle adds its template and text; the CharSequence is printed as it is, newlines and all.
    ...(record.bigText === undefined ? [] : [
      '                android.template=String (android.app.Notification$BigTextStyle)',
      extra('android.bigText', record.bigText, noRedact),
    ]),
    `                android.appInfo=ApplicationInfo (ApplicationInfo{${objectHash(`app:${record.packageName}`)} ${record.packageName}})`,
    `${n}}`,
    '      publicNotification=',
    `${n}None`,
    `      stats=SingleNotificationStats{posttimeElapsedMs=${record.postTime % 100_000_000}, posttimeToFirstClickMs=-1, posttimeToDismissMs=-1, airtimeCount=0, posttimeToFirstAirtimeMs=-1, currentlyAirtime=false, airtimeMs=0, posttimeToFirstVisibleExpansionMs=-1, userExpansionCount=0, userExpansionCount=0, viewCount=0, dismissCount=0}`,
    '      mContactAffinity=0.0',
    '      mRecentlyIntrusive=false',
    '      mPackagePriority=0',
    '      mPackageVisibility=-1000',
    '      mSystemImportance=UNSPECIFIED',
    '      mAsstImportance=UNSPECIFIED',
    '      mImportance=DEFAULT',
    '      mImportanceExplanation=app',
    '      mProposedImportance=UNSPECIFIED',
    '      mIsAppImportanceLocked=false',
    '      mIntercept=false',
    '      mHidden==false',
    `      mGlobalSortKey=crs=0:0|0|1|1|${record.key}`,
    `      mRankingTimeMs=${record.postTime}`,
    `      mCreationTimeMs=${record.postTime}`,
    '      mVisibleSinceMs=0',
    `      mUpdateTimeMs=${record.postTime}`,
    `      mInterruptionTimeMs=${record.postTime}`,
    '      mSuppressedVisualEffects= 0',
    '      mSound= content://settings/system/notification_sound',
    '      mVibration= null',
    '      mAttributes= AudioAttributes: usage=USAGE_NOTIFICATION content=CONTENT_TYPE_SONIFICATION flags=0x800 tags= bundle=null',
    '      mLight= null',
    '      mShowBadge=true',
    '      mColorized=false',
    '      mAllowBubble=false',
    '      isBubble=false',
    '      mIsInterruptive=false',
    `      effectiveNotificationChannel=NotificationChannel{mId='${record.channelId}', mName=${record.channelId}, mDescription=, mImportance=3, mBypassDnd=false, mLockscreenVisibility=-1000, mSound=content://settings/system/notification_sound, mLights=false, mLightColor=0, mVibration=null, mUserLockedFields=0, mFgServiceShown=false, mVibrationEnabled=false, mShowBadge=true, mDeleted=false, mDeletedTimeMs=-1, mGroup='null', mAudioAttributes=AudioAttributes: usage=USAGE_NOTIFICATION content=CONTENT_TYPE_SONIFICATION flags=0x800 tags= bundle=null, mBlockableSystem=false, mAllowBubbles=-1, mImportanceLockedByOEM=false, mImportanceLockedDefaultApp=false, mOriginalImp=3, mParent=null, mConversationId=null, mDemoted=false, mImportantConvo=false, mLastNotificationUpdateTimeMs=${record.postTime}}`,
    '      mAdjustments=[]',
    '      shortcut=null found valid? false',
    '',
  ];
}
