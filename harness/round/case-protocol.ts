import type { Browser } from 'webdriverio';
import type { ApkIdentity } from '../apk/types.ts';
import type { AndroidEnv, DeviceLease } from '../android/index.ts';
import { parseDumpsysPackageVersion, runAdb } from '../android/index.ts';
import { runFlow, type FlowContext } from '../appium/flow-interpreter.ts';
import type { ResolvedProduct, ResolvedRound, ResolvedSample } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { EvidenceRecorder } from '../evidence/index.ts';
import type { AttemptResult, PlannedCase } from '../results/index.ts';
import { decideVerdict, type ObservedAlert, type ScanEntry, type VerdictSample } from '../verdict/index.ts';
import { installApk } from './install-apk.ts';
import { closeSession, openSession } from './open-session.ts';
import { readScanResults } from './read-scan-results.ts';
import { grantsAllAtInstall, runSampleSetup } from './sample-setup.ts';
import { readProductNotifications, watchAlerts } from './watch-alerts.ts';

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

const PROGRAMMING_ERRORS = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError']);

/**
 * A failure outside a UI flow as a HarnessError. With a session open, anything but a programming
 * error came from WebdriverIO/Appium (a direct `mobile:` command, the session's own adb calls
 * failing when the device dropped): an infrastructure failure, retried on a fresh device.
 */
function toHarnessError(error: unknown, sessionOpen: boolean): HarnessError {
  if (error instanceof HarnessError) return error;
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (sessionOpen && !(error instanceof Error && PROGRAMMING_ERRORS.has(error.name))) {
    return new HarnessError('APPIUM_SESSION_FAILED', message, { cause: error, hint: 'see appium.log in the round folder; the case is retried on a fresh device' });
  }
  return new HarnessError('INTERNAL', message, { cause: error });
}

/** An attempt's result before the scheduler decides whether it is final. */
export type AttemptOutcome = Omit<AttemptResult, 'final'>;

/**
 * One attempt of one case, per methodology.md: on-demand (sample first, then product, first-start
 * watch, scan, results) or real-time (product first, then sample, alert watch). Every failure becomes
 * infra-error or flow-error with the evidence gathered so far; only a completed protocol yields a
 * verdict, so a broken harness can never produce a "missed".
 */
export async function runCaseAttempt(input: CaseAttemptInput): Promise<AttemptOutcome> {
  const started = new Date();
  const recorder = new EvidenceRecorder(input.roundDir, input.planned.caseId, input.attempt);
  const steps: Array<{ name: string; ms: number }> = [];
  let driver: Browser | undefined;
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
      ...fields,
    };
  };

  try {
    driver = await phase('appium-session', () => openSession(input.appiumUrl, {
      udid: input.lease.serial, adbPort: input.env.adbServerPort, systemPort: input.systemPort,
      preparedSnapshot: input.preparedSnapshot, avd: input.lease.avd,
    }, input.signal));
    const session = driver;
    const flowContext: FlowContext = {
      driver: session,
      defaultStepTimeoutMs: input.round.timeouts.stepMs,
      autoAcceptPermissionDialogs: input.product.autoAcceptPermissionDialogs,
      signal: input.signal,
      capture: (name) => recorder.captureScreen(name, session),
      values: new Map(),
    };
    const sampleOnlyFlow: FlowContext = { ...flowContext, autoAcceptPermissionDialogs: true };
    const alerts: ObservedAlert[] = [];
    let sampleInstalledAt: number | undefined;
    let scanEntries: ScanEntry[] | undefined;
    const verdictSample: VerdictSample = { packageName: input.sample.package, label: input.sample.label ?? input.sampleIdentity.label, kind: input.sample.kind };
    const identifies = (seen: readonly ObservedAlert[]): boolean =>
      decideVerdict({ sample: verdictSample, criteria: input.round.detection, scanEntries: undefined, alerts: seen, sampleInstalledAt }).alerted;

    const installSample = async (): Promise<void> => {
      sampleInstalledAt = await phase('install-sample', () => installApk({
        env: input.env, serial: input.lease.serial, file: input.sample.file, sha256: input.sample.sha256,
        grantAll: grantsAllAtInstall(input.sample), testOnly: input.sampleIdentity.testOnly, what: `sample ${input.sample.id}`, signal: input.signal,
      }));
      await phase('sample-setup', () => runSampleSetup({
        env: input.env, serial: input.lease.serial, sample: input.sample, identity: input.sampleIdentity,
        flow: async () => sampleOnlyFlow, signal: input.signal,
      }));
      await session.execute('mobile: pressKey', { keycode: 3 });
      await recorder.captureScreen('sample-set-up', session);
    };
    const installAndOnboardProduct = async (): Promise<void> => {
      await phase('install-product', () => installApk({
        env: input.env, serial: input.lease.serial, file: input.product.apk.file, sha256: input.product.apk.sha256,
        grantAll: false, testOnly: input.productIdentity.testOnly, what: `product ${input.product.id}`, signal: input.signal,
      }));
      await phase('launch-product', () => session.execute('mobile: activateApp', { appId: input.product.package }));
      await phase('onboarding', () => runFlow('onboarding', input.product.flows.onboarding, flowContext));
      await phase('update', () => runFlow('update', input.product.flows.update, flowContext));
      await recorder.captureScreen('product-ready', session);
    };
    const watch = async (phaseName: 'first-start' | 'real-time', timeoutMs: number): Promise<void> => {
      const fresh = await phase(`watch-${phaseName}`, () => watchAlerts({
        env: input.env, serial: input.lease.serial, driver: session, productPackage: input.product.package,
        watch: input.product.alerts, phase: phaseName, timeoutMs, isSatisfied: identifies, known: alerts, signal: input.signal,
        onDialog: async () => {
          await recorder.captureScreen(`${phaseName}-alert-dialog`, session);
          if (input.product.flows.dismissAlert) await runFlow('dismiss-alert', input.product.flows.dismissAlert, flowContext);
        },
      }));
      alerts.push(...fresh);
      await recorder.captureScreen(`after-${phaseName}-watch`, session);
    };

    if (input.planned.mode === 'on-demand') {
      await installSample();
      await installAndOnboardProduct();
      await watch('first-start', input.product.expectedDelays.firstStartMs);
      await phase('scan', () => runFlow('scan', input.product.flows.scan, { ...flowContext, defaultStepTimeoutMs: Math.max(input.round.timeouts.stepMs, input.product.expectedDelays.scanMs) }));
      if (input.product.flows.results) await phase('results', () => runFlow('results', input.product.flows.results ?? [], flowContext));
      await recorder.captureScreen('scan-results', session);
      scanEntries = await phase('read-results', () => readScanResults(session, input.product.results));
      await recorder.save('text', 'scan-entries', `${JSON.stringify(scanEntries, null, 2)}\n`);
    } else {
      await installAndOnboardProduct();
      await installSample();
      await watch('real-time', input.product.expectedDelays.realTimeAlertMs);
    }

    await phase('collect', async () => {
      const { raw, notifications } = await readProductNotifications(input.env, input.lease.serial, input.product.package, [], input.signal);
      await recorder.save('notifications', 'notifications', raw);
      for (const n of notifications) {
        if (!alerts.some((a) => a.kind === 'notification' && a.title === n.title && a.text === n.text)) {
          alerts.push({ kind: 'notification', phase: input.planned.mode === 'on-demand' ? 'scan' : 'real-time', title: n.title, text: n.text, seenAt: Date.now() });
        }
      }
      await session.execute('mobile: openNotifications', {});
      await recorder.captureScreen('notification-shade', session);
      await session.back();
      const logcat = await runAdb(input.env, input.lease.serial, ['logcat', '-d', '-v', 'threadtime', '-t', '400'], { signal: input.signal, reject: false });
      await recorder.save('logcat', 'logcat', logcat.stdout);
      const dump = await runAdb(input.env, input.lease.serial, ['shell', 'dumpsys', 'package', input.product.package], { signal: input.signal });
      const version = parseDumpsysPackageVersion(dump.stdout, input.product.package);
      productVersion = { versionName: version?.versionName ?? null, versionCode: version?.versionCode ?? null };
    });

    const verdict = decideVerdict({ sample: verdictSample, criteria: input.round.detection, scanEntries, alerts, sampleInstalledAt });
    return finish({
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
    input.log(`case ${input.planned.caseId} attempt ${input.attempt}: ${failure.code}: ${failure.message}`);
    if (driver) await recorder.captureScreen('at-failure', driver).catch(() => undefined);
    return finish({
      status: failure.code === 'FLOW_STEP_FAILED' ? 'flow-error' : 'infra-error',
      error: { code: failure.code, message: failure.message },
    });
  } finally {
    await closeSession(driver);
  }
}
