/** One posted notification as `dumpsys notification --noredact` shows it. */
export interface DumpedNotification {
  packageName: string;
  id: number;
  tag: string | undefined;
  key: string;
  channelId: string | undefined;
  title: string;
  text: string;
  /** Android's `when`/post time in ms since the epoch, when printed. */
  postTime: number | undefined;
}

function extraString(block: string, name: string): string {
  // `android.title=String (Threat found)`; the value runs to the last ')' of its line.
  const match = new RegExp(`^\\s*${name.replaceAll('.', '\\.')}=(?:String|SpannableString|SpannedString) \\((.*)\\)\\s*$`, 'm').exec(block);
  return match?.[1] ?? '';
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
    const when = /^\s*(?:when|mCreationTimeMs|postTime)=(\d{10,})\s*$/m.exec(block)?.[1];
    notifications.push({
      packageName,
      id: Number(id),
      tag: tag === 'null' ? undefined : tag,
      key,
      channelId: channel === undefined || channel === 'null' ? undefined : channel,
      title: extraString(block, 'android.title'),
      text: extraString(block, 'android.bigText') || extraString(block, 'android.text'),
      postTime: when === undefined ? undefined : Number(when),
    });
  }
  return notifications;
}
