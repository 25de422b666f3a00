/**
 * `dumpsys notification [--noredact]`: NotificationRecord blocks with `pkg=`, `key=`, the channel and
 * the `extras={ android.title=String (…) android.text=String (…) }` the harness reads. Without
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
  return noRedact ? `        ${name}=String (${value})` : `        ${name}=String [length=${value.length}]`;
}

function recordBlock(record: NotificationRecordJson, noRedact: boolean): string[] {
  const hash = objectHash(`notif:${record.key}`);
  return [
    `    NotificationRecord(0x0${hash}: pkg=${record.packageName} user=UserHandle{0} id=${record.id} tag=${record.tag ?? 'null'} importance=3 key=${record.key}: Notification(channel=${record.channelId} shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x10 color=0x00000000 vis=PRIVATE))`,
    `      uid=${record.uid} userId=0`,
    `      opPkg=${record.packageName}`,
    `      icon=Icon(typ=RESOURCE pkg=${record.packageName} id=0x7f080081)`,
    '      flags=0x10',
    '      pri=0',
    `      key=${record.key}`,
    '      seen=false',
    `      groupKey=0|${record.packageName}|g:Aggregate_AlertingSection`,
    '      fullscreenIntent=null',
    '      contentIntent=PendingIntent{' + objectHash(`pi:${record.key}`) + ': PendingIntentRecord{' + objectHash(`pir:${record.key}`) + ` ${record.packageName} startActivity}}`,
    '      deleteIntent=null',
    '      number=0',
    '      groupAlertBehavior=0',
    `      when=${record.postTime}`,
    '      tickerText=null',
    '      contentView=null',
    '      bigContentView=null',
    '      headsUpContentView=null',
    '      vibrate=null',
    '      sound=null',
    '      defaults=0x0',
    '      extras={',
    extra('android.title', record.title, noRedact),
    '        android.reduced.images=Boolean (true)',
    '        android.showWhen=Boolean (true)',
    extra('android.text', record.text, noRedact),
    `        android.appInfo=ApplicationInfo (ApplicationInfo{${objectHash(`app:${record.packageName}`)} ${record.packageName}})`,
    '      }',
    `      stats=SingleNotificationStats{posttimeElapsedMs=${record.postTime % 100_000_000}, posttimeToFirstClickMs=-1, posttimeToDismissMs=-1, airtimeCount=0, posttimeToFirstAirtimeMs=-1, currentlyAirtime=false, airtimeMs=0, posttimeToFirstVisibleExpansionMs=-1, userExpansionCount=0, userExpansionCount=0, viewCount=0, dismissCount=0}`,
    '      mContextualActions=null',
    `      mCreationTimeMs=${record.postTime}`,
    '      mInterruptionTimeMs=' + record.postTime,
    '',
  ];
}
