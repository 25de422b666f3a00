import type { Browser } from 'webdriverio';
import type { ApkIdentity } from '../apk/types.ts';
import type { AndroidEnv, DeviceLease } from '../android/index.ts';
import { watchDeviceConnection } from '../android/index.ts';
import { runFlow, type FlowContext } from '../appium/flow-interpreter.ts';
import type { ResolvedProduct, ResolvedRound, ResolvedSample } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { EvidenceRecorder } from '../evidence/index.ts';
import { createSystemDialogWatch } from '../flow/system-dialogs/dismiss-system-dialog.ts';
import type { AttemptResult, PlannedCase } from '../results/index.ts';
import { decideVerdict, SYSTEM_APPS, type KnownApp, type ObservedAlert, type ScanEntry, type VerdictInput, type VerdictSample } from '../verdict/index.ts';
import { classifyFailure, mayBeHungProduct, toHarnessError } from './classify-failure.ts';
import { diagnoseProduct, type DiagnoseOptions } from './diagnose-product.ts';
import { formatSetFiles, installConfiguredApk } from './install-configured-apk.ts';
import { readNotificationPermissionNote } from './notification-permission-note.ts';
import { closeSession, openSession } from './open-session.ts';
import { installAlongside, SessionAlongside } from './session-alongside.ts';
import { collectCaseEvidence } from './collect-evidence.ts';
import { readScanResults } from './read-scan-results.ts';
import { remediateSample } from './remediate-sample.ts';
import { grantsAllAtInstall, runSampleSetup } from './sample-setup.ts';
import { readNotificationBaseline, watchAlerts, type NotificationBaseline } from './watch-alerts.ts';

export interface CaseAttemptInput {
  env: AndroidEnv;
  appiumUrl: string;
  lease: DeviceLease;
  systemPort: number;
  /** The device was restored from a snapshot prepared with Appium's APKs. */
  preparedSnapshot: boolean;
  round: ResolvedRound;
  planned: PlannedCase;
  attempt: number;
  product: ResolvedProduct;
  productIdentity: ApkIdentity;
  sample: ResolvedSample;
  sampleIdentity: ApkIdentity;
  roundDir: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** An attempt's result before the scheduler decides whether it is final. */
export type AttemptOutcome = Omit<AttemptResult, 'final'>;

/** How long to look for an in-app alert after bringing the product to the front (realTime.openProductAfterWatch). */
const AFTER_WATCH_LOOK_MS = 5_000;

const NO_BASIS = { identifiedBy: null, matched: null, text: null, from: null, evidence: null, alsoFits: [] };

/**
 * One attempt of one case, per methodology.md: on-demand (sample first, then product, first-start
 * watch before the update, scan, results) or real-time (product first, then sample, alert watch,
 * optionally the product opened). Only a completed protocol with positive evidence yields a verdict;
 * every failure becomes product-error, infra-error or flow-error with the evidence gathered so far,
 * so a broken harness or a crashed product can never produce a "missed".
 */
export async function runCaseAttempt(input: CaseAttemptInput): Promise<AttemptOutcome> {
  const started = new Date();
  const recorder = new EvidenceRecorder(input.roundDir, input.planned.caseId, input.attempt);
  const steps: Array<{ name: string; ms: number }> = [];
  const connection = watchDeviceConnection(input.env, input.lease.serial, input.signal);
  /** Index ranges of connection.outages the harness caused itself (adbd restarts for `via: root`). */
  const expectedOutages: Array<[number, number]> = [];
  const deviceOutages = (): string[] => connection.outages.filter((_, index) => !expectedOutages.some(([from, to]) => index >= from && index < to));
  let driver: Browser | undefined;
  let alongside: SessionAlongside | undefined;
  /** Reads started beside later steps (the notification-permission note): awaited before collect and on failure. */
  let pendingReads: Promise<void> = Promise.resolve();
  let productInstalled = false;
  let productVersion: { versionName: string | null; versionCode: number | null } = { versionName: null, versionCode: null };
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      steps.push({ name, ms: Math.round(performance.now() - t0) });
    }
  };
  const finish = (fields: Partial<AttemptOutcome> & Pick<AttemptOutcome, 'status'>): AttemptOutcome => {
    const ended = new Date();
    return {
      caseId: input.planned.caseId, attempt: input.attempt, detected: false, detectedBy: [], alerted: false, alertKinds: [],
      threatName: null, category: null, alertText: null, timeToAlertMs: null, safetyAdvice: null,
      device: { serial: input.lease.serial, profile: input.lease.profile }, product: productVersion,
      timings: { startedAt: started.toISOString(), endedAt: ended.toISOString(), durationMs: ended.getTime() - started.getTime(), steps },
      evidence: recorder.items(),
      basis: { rule: 'error', ...NO_BASIS },
      harnessNoise: [],
      ...fields,
    };
  };
  const productFault = async (options: DiagnoseOptions = {}) => {
    if (!productInstalled) return undefined;
    const { fault, log } = await diagnoseProduct(input.env, input.lease.serial, input.product.package, input.signal, options);
    if (fault) await recorder.save('logcat', 'product-fault', log);
    return fault;
  };

  try {
    const openAppium = (): Promise<Browser> => openSession(input.appiumUrl, {
      udid: input.lease.serial, adbPort: input.env.adbServerPort, systemPort: input.systemPort,
      preparedSnapshot: input.preparedSnapshot, avd: input.lease.avd,
    }, input.signal);
    // The session opens while the case's first adb work runs (session-alongside.ts): the first
    // step that needs the screen waits for it (sessionReady).
    alongside = new SessionAlongside(() => phase('appium-session', openAppium));
    let session!: Browser;
    const flowContext: FlowContext = {
      driver: session,
      defaultStepTimeoutMs: input.round.timeouts.stepMs,
      autoAcceptPermissionDialogs: input.product.autoAcceptPermissionDialogs,
      signal: input.signal,
      capture: async (name) => { await recorder.captureScreen(name, session); },
      values: new Map(),
      flows: input.product.namedFlows,
      // Each dialog answered is evidence: its capture (system-dialog-<n>) and its text.
      systemDialogHandlers: createSystemDialogWatch(input.product.systemDialogs, async (dialog) => {
        await recorder.save('text', `system-dialog-${dialog.index}`, `${dialog.name}: ${dialog.text}\n`);
      }),
    };
    const sampleOnlyFlow: FlowContext = { ...flowContext, autoAcceptPermissionDialogs: true };
    // A `via: root` setup step restarts adbd: the transport drop takes Appium's port forward with it,
    // so the session ends first and a fresh one opens when next needed. The drop it causes is not
    // an outage of the device.
    let sessionEnded = false;
    const sessionReady = async (): Promise<void> => {
      if (!alongside?.pending) return;
      session = await alongside.ready();
      driver = session;
      flowContext.driver = session;
      sampleOnlyFlow.driver = session;
    };
    const dialogContext = async (): Promise<FlowContext> => { await sessionReady(); return flowContext; };
    const resumeSession = async (): Promise<void> => {
      await sessionReady();
      if (!sessionEnded) return;
      session = await phase('appium-session', openAppium);
      driver = session;
      flowContext.driver = session;
      sampleOnlyFlow.driver = session;
      sessionEnded = false;
    };
    const aroundAdbdRestart = async (restart: () => Promise<void>): Promise<void> => {
      await sessionReady();
      if (!sessionEnded) await closeSession(session);
      sessionEnded = true;
      const from = connection.outages.length;
      await restart();
      expectedOutages.push([from, connection.outages.length]);
    };
    const alerts: ObservedAlert[] = [];
    let baseline: NotificationBaseline = new Set();
    let sampleInstalledAt: number | undefined;
    let scanEntries: ScanEntry[] | undefined;
    let scanEvidence: string | undefined;
    const verdictSample: VerdictSample = { packageName: input.sample.package, label: input.sample.label ?? input.sampleIdentity.label, kind: input.sample.kind };
    const otherApps: KnownApp[] = [{ packageName: input.product.package, label: input.productIdentity.label, role: 'product' }, ...SYSTEM_APPS];
    const verdictInput = (seen: readonly ObservedAlert[], entries: readonly ScanEntry[] | undefined): VerdictInput => ({
      sample: verdictSample, criteria: input.round.detection, scanEntries: entries, scanEvidence, alerts: seen, otherApps, sampleInstalledAt,
    });
    const identifies = (seen: readonly ObservedAlert[]): boolean => decideVerdict(verdictInput(seen, undefined)).alerted;

    const installSample = async (): Promise<void> => {
      // What the product shows before the sample exists is not about the sample.
      if (productInstalled) baseline = await readNotificationBaseline(input.env, input.lease.serial, input.product.package, input.signal);
      // Google Play Protect may hold an install behind its dialog: the profile's handlers answer it.
      const sampleInstall = await phase('install-sample', () => installAlongside(alongside, dialogContext, `installing sample ${input.sample.id}`, input.signal, (signal) => installConfiguredApk({
        env: input.env, serial: input.lease.serial, file: input.sample.file, sha256: input.sample.sha256, splits: input.sample.splits,
        grantAll: grantsAllAtInstall(input.sample), testOnly: input.sampleIdentity.testOnly, what: `sample ${input.sample.id}`, signal,
      })));
      sampleInstalledAt = sampleInstall.installedAt;
      if (sampleInstall.files !== undefined) await recorder.save('text', 'sample-apk-set', formatSetFiles(`sample ${input.sample.id}`, sampleInstall.files));
      await phase('sample-setup', () => runSampleSetup({
        env: input.env, serial: input.lease.serial, sample: input.sample, identity: input.sampleIdentity,
        flow: async () => { await resumeSession(); return sampleOnlyFlow; }, aroundAdbdRestart, signal: input.signal,
      }));
      await resumeSession();
      await session.execute('mobile: pressKey', { keycode: 3 });
      await recorder.captureScreen('sample-set-up', session);
    };
    const installAndOnboardProduct = async (): Promise<void> => {
      productInstalled = true;
      const productInstall = await phase('install-product', () => installAlongside(alongside, dialogContext, `installing product ${input.product.id}`, input.signal, (signal) => installConfiguredApk({
        env: input.env, serial: input.lease.serial, file: input.product.apk.file, sha256: input.product.apk.sha256, splits: input.product.apk.splits,
        grantAll: false, testOnly: input.productIdentity.testOnly, what: `product ${input.product.id}`, signal,
      })));
      if (productInstall.files !== undefined) await recorder.save('text', 'product-apk-set', formatSetFiles(`product ${input.product.id}`, productInstall.files));
      await sessionReady();
      await phase('launch-product', () => session.execute('mobile: activateApp', { appId: input.product.package }));
      await phase('onboarding', () => runFlow('onboarding', input.product.flows.onboarding, flowContext));
      // Android 13 drops the notifications of a product without POST_NOTIFICATIONS: say so in the
      // evidence. Read (adb) as onboarding ends, while the next step runs; awaited before collect.
      pendingReads = phase('notification-permission', async () => {
        const note = await readNotificationPermissionNote({ env: input.env, serial: input.lease.serial, packageName: input.product.package, signal: input.signal });
        if (note !== undefined) await recorder.save('text', 'notification-permission', `${note}\n`);
      });
      pendingReads.catch(() => undefined);
    };
    const update = async (): Promise<void> => {
      await phase('update', () => runFlow('update', input.product.flows.update, flowContext));
      await recorder.captureScreen('product-ready', session);
    };
    const watch = async (phaseName: 'first-start' | 'real-time', timeoutMs: number, stepName = `watch-${phaseName}`): Promise<void> => {
      const fresh = await phase(stepName, () => watchAlerts({
        env: input.env, serial: input.lease.serial, driver: session, productPackage: input.product.package,
        watch: input.product.alerts, phase: phaseName, timeoutMs, isSatisfied: identifies, known: alerts, baseline, signal: input.signal,
        onNotifications: (raw) => recorder.save('notifications', `${stepName}-alert`, raw),
        onDialog: async () => {
          // Captured before any flow can dismiss it: a modal alert is evidence.
          const evidence = await recorder.captureScreen(`${stepName}-alert-dialog`, session);
          if (input.product.flows.dismissAlert) await runFlow('dismiss-alert', input.product.flows.dismissAlert, flowContext);
          return evidence;
        },
      }));
      alerts.push(...fresh);
    };

    if (input.planned.mode === 'on-demand') {
      await installSample();
      await installAndOnboardProduct();
      // First start is watched before the update: a modal first-start alert must be seen before an
      // update flow's taps can dismiss it. Whatever the update brings up is looked at once after it.
      await watch('first-start', input.product.expectedDelays.firstStartMs);
      await update();
      await watch('first-start', 0, 'check-after-update');
      await phase('scan', () => runFlow('scan', input.product.flows.scan, { ...flowContext, defaultStepTimeoutMs: Math.max(input.round.timeouts.stepMs, input.product.expectedDelays.scanMs) }));
      if (input.product.flows.results) await phase('results', () => runFlow('results', input.product.flows.results ?? [], flowContext));
      await recorder.captureScreen('scan-results', session);
      scanEntries = await phase('read-results', () => readScanResults(session, input.product.results, {
        // Every screen of the list as it was read: the evidence that the whole list was seen.
        onScreen: async (screen, pageSource) => {
          await recorder.save('ui-dump', `scan-results-screen-${screen}`, pageSource);
          await recorder.save('screenshot', `scan-results-screen-${screen}`, Buffer.from(await session.takeScreenshot(), 'base64'));
        },
        onDetails: async (entry, pageSource) => { await recorder.save('ui-dump', `scan-results-details-${entry}`, pageSource); },
        notifications: {
          env: input.env, serial: input.lease.serial, productPackage: input.product.package, patterns: input.product.alerts.notificationPatterns,
          baseline, signal: input.signal, onNotifications: (raw) => recorder.save('notifications', 'scan-results-notifications', raw),
        },
      }));
      scanEvidence = await recorder.save('text', 'scan-entries', `${JSON.stringify(scanEntries, null, 2)}\n`);
    } else {
      await installAndOnboardProduct();
      await update();
      await installSample();
      await watch('real-time', input.product.expectedDelays.realTimeAlertMs);
      await recorder.captureScreen('after-real-time-watch', session);
      if (input.round.realTime.openProductAfterWatch && !identifies(alerts)) {
        // Some products keep a real-time finding inside the app until it is opened.
        await phase('open-product', () => session.execute('mobile: activateApp', { appId: input.product.package }));
        await watch('real-time', AFTER_WATCH_LOOK_MS, 'watch-after-open');
        await recorder.captureScreen('product-opened-after-watch', session);
      }
    }

    await pendingReads;
    await phase('collect', async () => {
      const collected = await collectCaseEvidence({
        env: input.env, serial: input.lease.serial, productPackage: input.product.package, notificationPatterns: input.product.alerts.notificationPatterns,
        baseline, session, recorder, signal: input.signal,
      });
      for (const n of collected.notifications) {
        if (!alerts.some((a) => a.kind === 'notification' && a.title === n.title && a.text === n.text)) {
          alerts.push({ kind: 'notification', phase: input.planned.mode === 'on-demand' ? 'scan' : 'real-time', title: n.title, text: n.text, seenAt: collected.readAt, evidence: collected.evidence });
        }
      }
      productVersion = collected.productVersion;
    });

    // A product that crashed or hung at any moment of the case has no verdict, whatever it showed.
    const fault = await productFault();
    if (fault) {
      const outcome = classifyFailure({ failure: new HarnessError(fault.code, fault.line), productFault: fault, deviceOutages: deviceOutages() });
      return finish({ status: outcome.status, error: { code: outcome.code, message: outcome.message } });
    }

    const verdict = decideVerdict(verdictInput(alerts, scanEntries));
    // Opt-in and after the verdict: removal can warn an abuser, so it never decides detection.
    const remediation = input.round.remediation && verdict.detected && input.product.flows.remediate
      ? await phase('remediate', () => remediateSample({ input, session, flowContext, recorder }))
      : undefined;
    return finish({
      ...(remediation === undefined ? {} : { remediation }),
      status: 'completed',
      detected: verdict.detected,
      detectedBy: verdict.detectedBy,
      alerted: verdict.alerted,
      alertKinds: verdict.alertKinds,
      threatName: verdict.threatName ?? null,
      category: verdict.category ?? null,
      alertText: verdict.alertText ?? null,
      timeToAlertMs: verdict.timeToAlertMs ?? null,
      safetyAdvice: verdict.alerted ? verdict.safetyAdvice : null,
      basis: verdict.basis,
      harnessNoise: verdict.harnessNoise,
    });
  } catch (error) {
    if (input.signal.aborted) {
      const reason: unknown = input.signal.reason;
      if (reason instanceof HarnessError && reason.code === 'CASE_TIMEOUT') {
        return finish({ status: 'infra-error', error: { code: reason.code, message: reason.message } });
      }
      throw new HarnessError('CANCELLED', `case ${input.planned.caseId} was interrupted`, { cause: error });
    }
    // A pinned file that changed is bad input, not a device fault: it stops the round.
    if (error instanceof HarnessError && error.code === 'SAMPLE_HASH_MISMATCH') throw error;
    const failure = toHarnessError(error, driver !== undefined);
    await pendingReads.catch(() => undefined);
    // A failure while the session was still opening: it is still captured at failure and closed.
    driver ??= await alongside?.settle();
    if (driver) await recorder.captureScreen('at-failure', driver).catch(() => undefined);
    // A product hung in front blocks UiAutomator2 (lookups end in 500s): probe for its ANR first.
    const fault = await productFault({ probeForAnr: mayBeHungProduct(failure) }).catch(() => undefined);
    const outcome = classifyFailure({ failure, productFault: fault, deviceOutages: deviceOutages() });
    input.log(`case ${input.planned.caseId} attempt ${input.attempt}: ${outcome.status} ${outcome.code}: ${outcome.message}`);
    return finish({ status: outcome.status, error: { code: outcome.code, message: outcome.message } });
  } finally {
    connection.stop();
    await closeSession(driver);
    await alongside?.close();
  }
}
