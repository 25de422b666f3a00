/**
 * Posted notifications, keyed like NotificationRecord keys (`0|pkg|id|tag|uid`). Posting the same
 * package/id again updates the existing record, as NotificationManager does.
 */
import type { UiNotification } from '../ui/contracts.ts';

export interface NotificationRecordJson extends UiNotification {
  uid: number;
  tag: string | null;
}

export class NotificationCenter {
  #records: NotificationRecordJson[] = [];
  #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  list(): readonly NotificationRecordJson[] {
    return this.#records;
  }

  post(input: Omit<UiNotification, 'key' | 'postTime'> & { uid: number; tag?: string | null }): NotificationRecordJson {
    const tag = input.tag ?? null;
    const key = `0|${input.packageName}|${input.id}|${tag ?? 'null'}|${input.uid}`;
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
    };
    const index = this.#records.findIndex((existing) => existing.key === key);
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
    this.#records = records.map((record) => ({ ...record }));
  }
}
