/** `Notification.flags` bits the harness reads (android.app.Notification). */
const FLAG_ONGOING_EVENT = 0x2;
const FLAG_FOREGROUND_SERVICE = 0x40;

/** One posted notification as `dumpsys notification --noredact` shows it. */
export interface DumpedNotification {
  packageName: string;
  id: number;
  tag: string | undefined;
  key: string;
  channelId: string | undefined;
  title: string;
  text: string;
  /** When it was posted, ms since the epoch (`mCreationTimeMs`, else the notification's `when`), when printed. */
  postTime: number | undefined;
  /** `Notification.flags` (FLAG_AUTO_CANCEL 0x10, FLAG_NO_CLEAR 0x20, FLAG_FOREGROUND_SERVICE 0x40, …); 0 when not printed. */
  flags: number;
  /**
   * FLAG_ONGOING_EVENT is set (StatusBarNotification.isOngoing): a status the app keeps up, such as a
   * foreground service's notification or `setOngoing(true)`, not an event.
   */
  ongoing: boolean;
  /** FLAG_FOREGROUND_SERVICE is set: the notification of a running foreground service. */
  foregroundService: boolean;
}

/**
 * One String extra of the `extras={ … }` block: `android.title=String (Threat found)`. Android prints
 * the CharSequence as it is, so a multi-line `android.bigText` (BigTextStyle) or `android.text` runs
 * over raw newlines (NotificationRecord.dump → Bundle toString); the value ends at the `)` that
 * closes a line followed by the next extra (`name=Type …`) or the end of the block (`}`).
 */
function extraString(block: string, name: string): string {
  const start = new RegExp(`^[ \\t]*${name.replaceAll('.', '\\.')}=(?:String|SpannableString|SpannedString) \\(`, 'm').exec(block);
  if (!start) return '';
  const rest = block.slice(start.index + start[0].length);
  const end = /\)[ \t]*(?:\n(?=[ \t]*(?:[\w.$]+=\S|\}))|\n?$)/.exec(rest);
  return end ? rest.slice(0, end.index) : (rest.split('\n')[0] ?? '').replace(/\)\s*$/, '');
}

/**
 * The flags: the record's own `flags=0x…` line (NotificationRecord.dump), else the first
 * `Notification(… flags=0x… …)` of the header (Notification.toString; a publicVersion nested in it
 * comes after).
 */
function readFlags(block: string): number {
  const hex = /^\s*flags=0x([0-9a-f]+)\s*$/m.exec(block)?.[1] ?? /Notification\([^\n]*? flags=0x([0-9a-f]+)/.exec(block)?.[1];
  return hex === undefined ? 0 : Number.parseInt(hex, 16);
}

/**
 * Parses the NotificationRecord blocks of `dumpsys notification --noredact` (API 26+ layout).
 * Blocks are cut at each `NotificationRecord(` so the archive and ranking sections that follow do
 * not bleed into the last record.
 */
export function parseDumpsysNotification(output: string): DumpedNotification[] {
  const notifications: DumpedNotification[] = [];
  const starts = [...output.matchAll(/NotificationRecord\(0x[0-9a-f]+: pkg=/g)].map((m) => m.index);
  for (const [i, start] of starts.entries()) {
    const end = starts[i + 1] ?? output.length;
    let block = output.slice(start, end);
    const sectionEnd = block.search(/\n\s*(?:mArchive|Notification (?:Ranker|Assistant)|ranking config|mSnoozedNotifications|Snoozed notifications)/i);
    if (sectionEnd > 0) block = block.slice(0, sectionEnd);
    const header = /pkg=(\S+) user=\S+ id=(-?\d+) tag=(\S+)(?: importance=\S+)? key=(\S+?)(?::| )/.exec(block);
    if (!header) continue;
    const [, packageName = '', id = '0', tag = 'null', key = ''] = header;
    const channel = /Notification\(channel=(\S+?)[ )]/.exec(block)?.[1];
    // mCreationTimeMs is the post time; `when` is what the app set (by default its build time).
    const when = /^\s*mCreationTimeMs=(\d{10,})\s*$/m.exec(block)?.[1] ?? /^\s*(?:when|postTime)=(\d{10,})\s*$/m.exec(block)?.[1];
    const flags = readFlags(block);
    notifications.push({
      packageName,
      id: Number(id),
      tag: tag === 'null' ? undefined : tag,
      key,
      channelId: channel === undefined || channel === 'null' ? undefined : channel,
      title: extraString(block, 'android.title'),
      text: extraString(block, 'android.bigText') || extraString(block, 'android.text'),
      postTime: when === undefined ? undefined : Number(when),
      flags,
      ongoing: (flags & FLAG_ONGOING_EVENT) !== 0,
      foregroundService: (flags & FLAG_FOREGROUND_SERVICE) !== 0,
    });
  }
  return notifications;
}
