/**
 * Posted notifications, keyed like NotificationRecord keys (`0|pkg|id|tag|uid`). Posting the same
 * package/id again updates the existing record, as NotificationManager does. Each record has the
 * real `Notification.flags` (notification-flags.ts): a notification that belongs to a foreground
 * service gets FOREGROUND_SERVICE | ONGOING_EVENT | NO_CLEAR, as the system sets them.
 * On API 33 a notification of an app without POST_NOTIFICATIONS is dropped before it is recorded
 * (notification-permission.ts): the app is not told, nothing is listed, nothing is logged.
 */
import type { UiNotification } from '../ui/contracts.ts';
import { FLAG_AUTO_CANCEL, FLAG_FOREGROUND_SERVICE, FLAG_ONGOING_EVENT, postedFlags } from './notification-flags.ts';

export interface NotificationRecordJson extends UiNotification {
  uid: number;
  tag: string | null;
  /** `Notification.flags` as posted (FLAG_AUTO_CANCEL 0x10, FLAG_FOREGROUND_SERVICE 0x40, …). */
  flags: number;
  /** The flags when the record was made (NotificationRecord.mOriginalFlags): before the posting added ONGOING | NO_CLEAR. */
  originalFlags: number;
  /** Notification.BigTextStyle's text (`android.bigText`), which may span lines; absent for other styles. */
  bigText?: string | undefined;
}

export interface PostNotificationInput extends Omit<UiNotification, 'key' | 'postTime'> {
  uid: number;
  tag?: string | null;
  /**
   * The flags the app built the notification with. When absent, the virtual apps' defaults: an
   * alert is built with `setAutoCancel(true)`, a foreground service's notification with `setOngoing(true)`.
   */
  flags?: number;
  /** Posts it with Notification.BigTextStyle and this text. */
  bigText?: string | undefined;
}

/**
 * Whether a notification the app posts (package, id, tag) belongs to one of its foreground services
 * (ActiveServices.applyForegroundServiceNotificationLocked: same package, the service's
 * foreground id, tag null).
 */
export type ForegroundServiceLookup = (packageName: string, id: number, tag: string | null) => boolean;

/** Whether NotificationManagerService lets this package's notifications through (POST_NOTIFICATIONS on API 33). */
export type NotificationGate = (packageName: string, uid: number) => boolean;

export class NotificationCenter {
  #records: NotificationRecordJson[] = [];
  #now: () => number;
  #isForegroundService: ForegroundServiceLookup;
  #mayPost: NotificationGate;

  constructor(now: () => number, isForegroundService: ForegroundServiceLookup = () => false, mayPost: NotificationGate = () => true) {
    this.#now = now;
    this.#isForegroundService = isForegroundService;
    this.#mayPost = mayPost;
  }

  list(): readonly NotificationRecordJson[] {
    return this.#records;
  }

  /**
   * Enqueues a notification as NotificationManager.notify does and returns the record the app built.
   * It is kept (listed, shown) only when the gate lets the package post: `notify()` returns nothing
   * to the app either way, so a dropped notification is invisible to it.
   */
  post(input: PostNotificationInput): NotificationRecordJson {
    const tag = input.tag ?? null;
    const key = `0|${input.packageName}|${input.id}|${tag ?? 'null'}|${input.uid}`;
    const index = this.#records.findIndex((existing) => existing.key === key);
    const previous = index >= 0 ? this.#records[index] : undefined;
    // An update keeps the foreground-service state of the record it replaces (PostNotificationRunnable).
    const foreground = this.#isForegroundService(input.packageName, input.id, tag) || ((previous?.flags ?? 0) & FLAG_FOREGROUND_SERVICE) !== 0;
    const appFlags = input.flags ?? (foreground ? FLAG_ONGOING_EVENT : FLAG_AUTO_CANCEL);
    const record: NotificationRecordJson = {
      key,
      packageName: input.packageName,
      id: input.id,
      channelId: input.channelId,
      title: input.title,
      text: input.text,
      postTime: this.#now(),
      uid: input.uid,
      tag,
      flags: postedFlags(appFlags, foreground),
      originalFlags: foreground ? appFlags | FLAG_FOREGROUND_SERVICE : appFlags,
      ...(input.bigText === undefined ? {} : { bigText: input.bigText }),
      ...(input.importance === undefined ? {} : { importance: input.importance }),
    };
    // checkDisqualifyingFeatures runs before the record is enqueued: a blocked app's notification never
    // replaces or adds anything (an update of an earlier, allowed one is dropped too).
    if (!this.#mayPost(input.packageName, input.uid)) return record;
    if (index >= 0) this.#records[index] = record;
    else this.#records.push(record);
    return record;
  }

  cancel(key: string): boolean {
    const before = this.#records.length;
    this.#records = this.#records.filter((record) => record.key !== key);
    return before !== this.#records.length;
  }

  cancelPackage(packageName: string): void {
    this.#records = this.#records.filter((record) => record.packageName !== packageName);
  }

  /** The next free id for a package (notifications posted by the simulator itself). */
  nextIdFor(packageName: string): number {
    const ids = this.#records.filter((record) => record.packageName === packageName).map((record) => record.id);
    return ids.length === 0 ? 1 : Math.max(...ids) + 1;
  }

  toJSON(): NotificationRecordJson[] {
    return this.#records.map((record) => ({ ...record }));
  }

  load(records: readonly NotificationRecordJson[]): void {
    // Snapshots saved before flags were modelled: every record then printed AUTO_CANCEL.
    this.#records = records.map((record) => {
      const flags = typeof record.flags === 'number' ? record.flags : FLAG_AUTO_CANCEL;
      return { ...record, flags, originalFlags: typeof record.originalFlags === 'number' ? record.originalFlags : flags };
    });
  }
}
