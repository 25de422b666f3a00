/**
 * The end of every case (methodology.md): the product's notifications that count as alerts, the
 * notification shade as the user would see it, a logcat excerpt and the product's installed version.
 * The four are independent reads (three adb calls and one UI round trip), so they run at once.
 */
import type { Browser } from 'webdriverio';
import type { AndroidEnv } from '../android/index.ts';
import { parseDumpsysPackageVersion, runAdb, type DumpedNotification } from '../android/index.ts';
import type { EvidenceRecorder } from '../evidence/index.ts';
import { readProductNotifications, type NotificationBaseline } from './watch-alerts.ts';

export interface CollectInput {
  env: AndroidEnv;
  serial: string;
  productPackage: string;
  notificationPatterns: readonly string[];
  baseline: NotificationBaseline;
  session: Browser;
  recorder: EvidenceRecorder;
  signal: AbortSignal;
}

export interface Collected {
  /** The product's alert notifications now, with the host time they were read and their evidence. */
  notifications: DumpedNotification[];
  readAt: number;
  evidence: string | undefined;
  productVersion: { versionName: string | null; versionCode: number | null };
}

export async function collectCaseEvidence(input: CollectInput): Promise<Collected> {
  const { env, serial, session, recorder, signal } = input;
  const [read, , logcat, dump] = await Promise.all([
    readProductNotifications(env, serial, input.productPackage, input.notificationPatterns, input.baseline, signal)
      .then((result) => ({ ...result, readAt: Date.now() })),
    (async () => {
      await session.execute('mobile: openNotifications', {});
      await recorder.captureScreen('notification-shade', session);
      await session.back();
    })(),
    runAdb(env, serial, ['logcat', '-d', '-v', 'threadtime', '-t', '400'], { signal, reject: false }),
    runAdb(env, serial, ['shell', 'dumpsys', 'package', input.productPackage], { signal }),
  ]);
  const evidence = await recorder.save('notifications', 'notifications', read.raw);
  await recorder.save('logcat', 'logcat', logcat.stdout);
  const version = parseDumpsysPackageVersion(dump.stdout, input.productPackage);
  return {
    notifications: read.notifications, readAt: read.readAt, evidence,
    productVersion: { versionName: version?.versionName ?? null, versionCode: version?.versionCode ?? null },
  };
}
