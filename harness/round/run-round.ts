import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { setMaxListeners } from 'node:events';
import { join, relative } from 'node:path';
import PQueue from 'p-queue';
import type { AndroidEnv, DeviceLease, DeviceProvider } from '../android/index.ts';
import { DevicePool, PhysicalDevices, findFreePort, runAdb, runDeviceShell } from '../android/index.ts';
import { startAppium } from '../appium/index.ts';
import { loadRound, type ResolvedRound } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import { openResultStore, writeRoundFile, type AttemptResult, type PlannedCase, type RoundFileInput } from '../results/index.ts';
import { runCaseAttempt } from './case-protocol.ts';
import { closeSession, openSession } from './open-session.ts';
import { planCases } from './plan-cases.ts';
import { ReporterMultiplexer, type RoundReporter } from './reporter.ts';
import { describeRoundFile } from './describe-round-file.ts';
import { readResumeState } from './resume-state.ts';
import { selectRetests } from './select-retests.ts';
import { createRoundEnv, readToolVersions, resolveRoundPorts, type RoundPorts } from './round-environment.ts';
import { TeardownStack } from './teardown-stack.ts';
import { claimRoundFolder } from './claim-round-folder.ts';
import { reapRun } from './reap-dead-run.ts';
import { verifyRoundInputs, type VerifiedInputs } from './verify-inputs.ts';
import { applyRoundOverrides, type RoundOverrides } from './round-overrides.ts';
import { applyAppDelayScale } from './app-delay-scale.ts';
import { dispatchWithLimits } from './limited-dispatch.ts';

export interface RunRoundOptions {
  roundFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  resume: boolean;
  reporters: RoundReporter[];
  /** Aborted by Ctrl+C: running cases stop, everything is torn down, finished results stay. */
  signal: AbortSignal;
  /** `run --product id=apk` and `--output dir`. */
  overrides?: RoundOverrides;
  /** `run --retest <ids>`: run these cases of the round folder again as new attempts (select-retests.ts). @default [] */
  retest?: readonly string[];
  /**
   * Receives a function that stops at once everything this run started (its adb server, emulators,
   * Appium) and removes its round HOME. The second Ctrl+C calls it before the process exits: the adb
   * server daemonises out of the process group and would outlive it.
   */
  onForceStop?: (forceStop: () => Promise<void>) => void;
}

export interface RunRoundResult {
  outputDir: string;
  alreadyFinished: boolean;
  interrupted: boolean;
  results: AttemptResult[];
}

function roundIdentity(round: ResolvedRound, roundText: string, cwd: string): RoundFileInput['round'] {
  return { id: round.id, title: round.title, file: relative(cwd, round.file) || round.file, sha256: createHash('sha256').update(roundText).digest('hex') };
}

/**
 * Runs a round end to end: verify every APK before touching a device, plan the matrix, skip what an
 * earlier run finished, boot and prepare devices, run cases in a p-queue as wide as the pool with
 * bounded retries for infrastructure errors (each attempt kept), and tear everything down on any exit.
 */
export async function runRound(options: RunRoundOptions): Promise<RunRoundResult> {
  const started = Date.now();
  const loaded = await loadRound(options.roundFile, { cwd: options.cwd });
  // On emulators the round's appDelayScale shortens the virtual apps' delays and the watch budgets alike.
  const round = applyAppDelayScale(options.overrides === undefined ? loaded : await applyRoundOverrides(loaded, options.overrides, options.cwd));
  const roundText = await readFile(round.file, 'utf8');
  const identity = roundIdentity(round, roundText, options.cwd);
  const inputs = await verifyRoundInputs(round, options.cwd);
  const plan = planCases(round);
  const outputDir = round.output.dir;
  const displayDir = relative(options.cwd, outputDir) || outputDir;
  const ports = resolveRoundPorts(options.env);
  const pins = { products: new Map(round.products.map((p) => [p.id, p.apk.sha256])), samples: new Map(round.samples.map((s) => [s.id, s.sha256])) };
  const reporter = new ReporterMultiplexer(options.reporters);
  const log = (prefix: string, line: string): void => void reporter.onLog({ prefix, line });
  // Before anything else touches the folder: refuse if a run is still using it, clean up after one
  // that was killed (its adb server, emulators, Appium, HOME, temp files).
  const { record: runtime, cleaned } = await claimRoundFolder(outputDir, { env: options.env, displayDir });
  const teardown = new TeardownStack();
  const stopEverything = async (graceful: boolean): Promise<void> => {
    // Whatever a failed teardown step left running is found by the round HOME and stopped; the
    // record goes only when its HOME is gone, so that otherwise the next run finishes the job.
    const home = runtime.record.home;
    const left = home === undefined ? undefined : await reapRun({ home, adbServerPort: runtime.record.adbServerPort }, { env: options.env, graceful });
    if (left !== undefined) log('harness', `teardown: ${left}`);
    if (home === undefined || !existsSync(home)) await runtime.remove();
  };
  teardown.add('runtime record', () => stopEverything(true));
  options.onForceStop?.(() => stopEverything(false));
  const controller = new AbortController();
  const signal = AbortSignal.any([options.signal, controller.signal]);
  // p-queue listens to the signal once per queued case, the pool once per emulator: hundreds of
  // listeners are expected here and are removed as jobs start, so Node's leak warning is misleading.
  setMaxListeners(0, signal);
  let interrupted = false;
  try {
    const retestIds = options.retest ?? [];
    // A retest continues the folder as --resume does (same round file, pins and selection).
    const resume = await readResumeState(outputDir, plan, identity.sha256, options.resume || retestIds.length > 0, displayDir, pins);
    const retesting = selectRetests(retestIds, plan, resume, displayDir);
    const pending = plan.filter((c) => !resume.finished.has(c.caseId));
    if (pending.length === 0 && resume.previous) {
      return { outputDir, alreadyFinished: true, interrupted: false, results: resume.allResults };
    }
    const physical = round.devices.kind === 'physical';
    const env = await createRoundEnv({ env: options.env, physical, ports, owner: runtime.record.runner });
    teardown.add('round HOME', () => rm(env.home, { recursive: true, force: true }));
    await runtime.update({ home: env.home, ...(physical ? {} : { adbServerPort: env.adbServerPort }) });
    if (!physical) teardown.add('adb server', async () => void (await runAdb(env, undefined, ['kill-server'], { reject: false, timeoutMs: 10_000 })));
    await runAdb(env, undefined, ['start-server'], { timeoutMs: 30_000, signal });
    const harness = await readToolVersions(env);

    const devices = round.devices.kind === 'emulators'
      ? round.devices.profiles.map((p) => ({ profile: p.name, apiLevel: p.apiLevel, release: p.release, image: p.systemImage, model: p.device.model }))
      : [await describePhysicalDevices(env, round.devices.serials, signal)];
    const roundFile = describeRoundFile({ round, inputs, previous: resume.previous, identity, harness, startedAt: new Date(started), plan, devices });
    await writeRoundFile(outputDir, roundFile);
    const store = await openResultStore(outputDir);
    teardown.add('results file', () => store.close());

    const appiumUrls = round.appium === 'local' ? [] : round.appium.urls;
    if (round.appium === 'local') {
      const appiumPort = await findFreePort(ports.appium);
      await runtime.update({ appiumPort });
      const appium = await startAppium({ port: appiumPort, env: env.childEnv, logFile: join(outputDir, 'appium.log'), signal });
      teardown.add('Appium', () => appium.stop());
      appiumUrls.push(appium.url);
    }

    const provider = createProvider(round, env, inputs, ports, appiumUrls[0] ?? '', signal, log, reporter, (consolePort) => runtime.update({ emulatorConsolePort: consolePort }));
    const expectedDevices = round.devices.kind === 'emulators' ? round.devices.profiles.reduce((sum, p) => sum + p.instances, 0) : round.devices.serials.length;
    const notes = [...(options.overrides?.productApks ?? [])].map(([id, file]) => {
      const product = round.products.find((p) => p.id === id);
      return `product ${id}: testing ${relative(options.cwd, file) || file} (sha256 ${product?.apk.sha256 ?? '?'}) instead of the APK its profile names`;
    });
    if (retesting.size > 0) notes.push(`retesting ${retesting.size} case(s) as new attempts, keeping the earlier ones: ${[...retesting].join(', ')}`);
    await reporter.onRunStart({ roundId: round.id, totalCases: plan.length, alreadyDone: plan.length - pending.length, devices: expectedDevices, outputDir: displayDir, notes: [...cleaned, ...notes] });
    teardown.add('devices', () => provider.stop());
    await provider.start();

    const systemPorts = new Map<string, number>();
    const concurrency = Math.max(1, Math.min(round.concurrency, provider.size));
    const queue = new PQueue({ concurrency });
    const results: AttemptResult[] = [...resume.allResults];
    const byId = { products: new Map(round.products.map((p) => [p.id, p])), samples: new Map(round.samples.map((s) => [s.id, s])) };
    let nextSystemPort = ports.caseSystemPorts;

    const runCase = async (planned: PlannedCase): Promise<void> => {
      const product = byId.products.get(planned.productId);
      const sample = byId.samples.get(planned.sampleId);
      const productIdentity = inputs.products.get(planned.productId);
      const sampleIdentity = inputs.samples.get(planned.sampleId);
      if (!product || !sample || !productIdentity || !sampleIdentity) throw new HarnessError('INTERNAL', `case ${planned.caseId} names an unknown product or sample`);
      const maxAttempts = 1 + round.retries.infra;
      // A retest gets the round's retry budget afresh; a resumed case counts the attempts it made.
      const budgetUsed = retesting.has(planned.caseId) ? (resume.attemptsSoFar.get(planned.caseId) ?? 0) : 0;
      for (let attempt = (resume.attemptsSoFar.get(planned.caseId) ?? 0) + 1; ; attempt += 1) {
        signal.throwIfAborted();
        const lease: DeviceLease = await provider.acquire(planned.deviceProfile);
        let systemPort = systemPorts.get(lease.serial);
        if (systemPort === undefined) {
          systemPort = await findFreePort(nextSystemPort, new Set(systemPorts.values()));
          nextSystemPort = systemPort + 1;
          systemPorts.set(lease.serial, systemPort);
        }
        // Remote Appium hosts are spread over devices in the order devices are first used.
        const appiumUrl = appiumUrls[[...systemPorts.keys()].indexOf(lease.serial) % appiumUrls.length] ?? '';
        await reporter.onCaseStart({ ...planned, attempt, device: lease.serial });
        const caseController = new AbortController();
        const timer = setTimeout(() => caseController.abort(new HarnessError('CASE_TIMEOUT', `case ${planned.caseId} exceeded timeouts.caseMs (${round.timeouts.caseMs} ms)`, { hint: 'raise timeouts.caseMs or check the product for a hang' })), round.timeouts.caseMs);
        let outcome;
        try {
          outcome = await runCaseAttempt({
            env, appiumUrl, lease, systemPort,
            preparedSnapshot: provider.preparedSnapshot, round, planned, attempt, product, productIdentity, sample, sampleIdentity,
            roundDir: outputDir, signal: AbortSignal.any([signal, caseController.signal]),
            log: (line) => log(lease.serial, line),
          });
        } finally {
          clearTimeout(timer);
        }
        // A product that crashed or hung is retried like a device fault: it may be a one-off.
        const final = (outcome.status !== 'infra-error' && outcome.status !== 'product-error') || attempt - budgetUsed >= maxAttempts;
        await provider.release(lease, { healthy: outcome.status !== 'infra-error' });
        const result: AttemptResult = { ...outcome, final };
        await store.append(result);
        results.push(result);
        await reporter.onCaseEnd({
          ...planned, attempt, status: result.status, verdictRule: result.basis?.rule, willRetry: !final, falsePositiveCheck: sample.kind !== 'stalkerware',
          detected: result.status === 'completed' ? result.detected : undefined,
          alerted: result.status === 'completed' ? result.alerted : undefined, durationMs: result.timings.durationMs,
          error: result.error ? `${result.error.code}: ${result.error.message}` : undefined, device: lease.serial,
        });
        if (final) return;
      }
    };

    let fatal: unknown;
    // A licence's limit (round `limits`): a product's cases start only while fewer than maxDevices run.
    const limited = Object.keys(round.limits).length > 0;
    const tasks = limited
      ? dispatchWithLimits(pending, { concurrency, keyOf: (c) => c.productId, limitOf: (id) => round.limits[id]?.maxDevices, signal }, runCase)
      : pending.map((planned) => queue.add(() => runCase(planned), { signal }));
    await Promise.all(tasks.map((task) => task.catch((error: unknown) => {
      if (signal.aborted && fatal === undefined) return;
      // The first fatal error (bad input found mid-round) stops every other case; finished results stay.
      fatal ??= error;
      controller.abort(error);
    })));
    if (fatal !== undefined) throw fatal;
    interrupted = signal.aborted;

    const finals = new Map(results.filter((r) => r.final).map((r) => [r.caseId, r]));
    const productVersions = new Map<string, AttemptResult['product']>();
    for (const result of finals.values()) {
      const productId = plan.find((c) => c.caseId === result.caseId)?.productId;
      if (productId && result.product.versionName !== null) productVersions.set(productId, result.product);
    }
    await writeRoundFile(outputDir, {
      ...roundFile,
      finishedAt: plan.every((c) => finals.has(c.caseId)) ? new Date().toISOString() : null,
      products: roundFile.products.map((p) => ({ ...p, ...(productVersions.has(p.id) ? productVersions.get(p.id) : {}) })),
    });
    const counted = [...finals.values()];
    await reporter.onRunEnd({
      roundId: round.id, completed: counted.filter((r) => r.status === 'completed').length,
      errors: counted.filter((r) => r.status === 'infra-error' || r.status === 'product-error' || r.status === 'flow-error').length,
      notExecuted: plan.length - counted.length, durationMs: Date.now() - started, interrupted, outputDir: displayDir,
    });
    return { outputDir, alreadyFinished: false, interrupted, results };
  } finally {
    controller.abort();
    await teardown.run((name, error) => log('harness', `teardown of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

export function createProvider(round: ResolvedRound, env: AndroidEnv, inputs: VerifiedInputs, ports: RoundPorts, appiumUrl: string, signal: AbortSignal, log: (prefix: string, line: string) => void, reporter: ReporterMultiplexer, recordEmulator: (consolePort: number) => Promise<void>): DeviceProvider {
  if (round.devices.kind === 'physical') {
    const apps = [...round.products.map((p) => ({ id: p.id, packageName: p.package, identity: inputs.products.get(p.id) })),
      ...round.samples.map((s) => ({ id: s.id, packageName: s.package, identity: inputs.samples.get(s.id) }))];
    const cleanupPackages = apps.map(({ packageName, identity }) => ({
      packageName,
      deviceAdmins: (identity?.components ?? []).filter((c) => c.kind === 'device-admin').map((c) => c.name),
    }));
    return new PhysicalDevices({
      env, serials: round.devices.serials, cleanupPackages, signal,
      onState: (serial, state, detail) => void reporter.onDeviceState({ device: serial, state, detail }),
    });
  }
  return new DevicePool({
    env,
    signal,
    firstPort: ports.emulators,
    profiles: round.devices.profiles.map((p) => ({
      name: p.name, avd: p.avd, instances: p.instances, snapshot: p.snapshot, flags: p.emulatorFlags, bootTimeoutMs: round.timeouts.bootMs ?? p.bootTimeoutMs,
    })),
    // The AVD lock names this round, so a second round on the same AVD says who holds it.
    owner: `round ${round.id} (pid ${process.pid})`,
    prepare: async (device, prepareSignal, context) => {
      // One session with default capabilities installs Appium's server and settings APKs; then the
      // device stops verifying side-loaded APKs (methodology: side-loading must not be blocked).
      const session = await openSession(appiumUrl, {
        udid: device.serial, adbPort: env.adbServerPort, systemPort: await findFreePort(ports.prepareSystemPort), preparedSnapshot: false, avd: device.avd,
        preparingAttempt: context?.attempt ?? 1,
      }, prepareSignal);
      await closeSession(session);
      await runDeviceShell(env, device.serial, ['settings', 'put', 'global', 'verifier_verify_adb_installs', '0'], { signal: prepareSignal });
      await runDeviceShell(env, device.serial, ['settings', 'put', 'global', 'package_verifier_enable', '0'], { signal: prepareSignal });
      for (const [namespace, settings] of Object.entries(round.deviceSettings)) {
        for (const [key, value] of Object.entries(settings ?? {})) {
          await runDeviceShell(env, device.serial, ['settings', 'put', namespace, key, value], { signal: prepareSignal });
        }
      }
    },
    onState: (serial, state, detail) => {
      // The emulator is being started right now; its port goes into the runtime record (a killed
      // run's emulators are also found by the round HOME, so this write may finish just after).
      const consolePort = Number(/^emulator-(\d+)$/.exec(serial)?.[1]);
      if ((state === 'launching' || state === 'preparing') && Number.isInteger(consolePort)) void recordEmulator(consolePort).catch(() => undefined);
      void reporter.onDeviceState({ device: serial, state, ...(detail === undefined ? {} : { detail }) });
    },
    onOutput: (serial, line) => log(serial, line),
  });
}

/** round.json's device entry for a round on phones, read from the phones (getprop). */
async function describePhysicalDevices(env: AndroidEnv, serials: readonly string[], signal: AbortSignal): Promise<{ profile: string; apiLevel: number; release: string; image: string; model: string }> {
  const phones = await Promise.all(serials.map(async (serial) => {
    const { stdout } = await runAdb(env, serial, ['shell', 'getprop ro.build.version.sdk; getprop ro.build.version.release; getprop ro.product.model'], { signal, timeoutMs: 20_000 });
    const [sdk = '', release = '', model = ''] = stdout.split('\n').map((line) => line.trim());
    return { serial, apiLevel: Number.parseInt(sdk, 10), release, model };
  }));
  const apiLevels = [...new Set(phones.map((p) => p.apiLevel))];
  const first = phones[0];
  if (!first || apiLevels.some((level) => !Number.isInteger(level) || level < 1)) {
    throw new HarnessError('DEVICE_LOST', `could not read the Android version of ${serials.join(', ')} (getprop ro.build.version.sdk)`, {
      hint: 'check that every phone is online and authorised (`adb devices`)',
    });
  }
  return {
    profile: 'physical',
    apiLevel: Math.min(...apiLevels),
    release: [...new Set(phones.map((p) => p.release))].join(', '),
    image: 'physical device',
    model: phones.map((p) => `${p.model} (${p.serial})`).join(', '),
  };
}
