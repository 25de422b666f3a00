import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AndroidEnv, DeviceLease, DeviceProvider } from '../android/index.ts';
import { findFreePort } from '../android/index.ts';
import { hashFile, type ResolvedRound } from '../config/index.ts';
import { HarnessError } from '../errors/index.ts';
import type { PlannedCase } from '../results/index.ts';
import { runCaseAttempt } from '../round/case-protocol.ts';
import type { VerifiedInputs } from '../round/verify-inputs.ts';
import type { AttemptHost } from './attempt-ledger.ts';
import type { CoordinatorClient } from './coordinator-client.ts';
import type { CaseJobResult } from './queue-names.ts';

/** What every case job of one worker shares. */
export interface WorkerContext {
  round: ResolvedRound;
  inputs: VerifiedInputs;
  plan: ReadonlyMap<string, PlannedCase>;
  env: AndroidEnv;
  provider: DeviceProvider;
  appiumUrl: string;
  /** UiAutomator2 systemPort per device serial, and the next one to try. */
  systemPorts: { bySerial: Map<string, number>; next: number };
  client: CoordinatorClient;
  host: AttemptHost;
  /** Where attempts write their evidence before it is sent (the worker's HOME). */
  workDir: string;
  log: (line: string) => void;
  /** Progress: one line when an attempt starts and when the coordinator answers. */
  progress: (line: string) => void;
}

/**
 * One case job on a worker: asks the coordinator which attempt to run (none if the case is decided),
 * then runs attempts with `run`'s case protocol on a leased device until the coordinator says one
 * was final. Each attempt's evidence is hashed and sent before the attempt itself; the job's lock
 * token travels with every request. When the coordinator answers `fenced` (another worker holds
 * the job now) or the lock is lost (`signal`), the attempt is abandoned: its Appium session closes,
 * its device is reset, nothing more is sent.
 */
export async function runCaseJob(ctx: WorkerContext, job: { id: string; caseId: string; token: string }, signal: AbortSignal): Promise<CaseJobResult> {
  const planned = ctx.plan.get(job.caseId);
  if (planned === undefined) throw new HarnessError('INTERNAL', `job ${job.id} names case ${job.caseId}, which the round does not plan`);
  const start = await ctx.client.startAttempt({ jobId: job.id, token: job.token, caseId: job.caseId }, signal);
  if (start.status === 'decided') return { caseId: job.caseId, finalAttempt: null };
  if (start.status === 'fenced') throw fenced(job, start.reason);
  for (let attempt = start.attempt; ; ) {
    signal.throwIfAborted();
    const answer = await runOneAttempt(ctx, planned, job, attempt, signal);
    if (answer.status === 'decided') return { caseId: job.caseId, finalAttempt: null };
    if (answer.status !== 'accepted') throw fenced(job, answer.reason);
    if (answer.final) return { caseId: job.caseId, finalAttempt: attempt };
    attempt = answer.nextAttempt;
  }
}

async function runOneAttempt(ctx: WorkerContext, planned: PlannedCase, job: { id: string; caseId: string; token: string }, attempt: number, signal: AbortSignal) {
  const product = ctx.round.products.find((p) => p.id === planned.productId);
  const sample = ctx.round.samples.find((s) => s.id === planned.sampleId);
  const productIdentity = ctx.inputs.products.get(planned.productId);
  const sampleIdentity = ctx.inputs.samples.get(planned.sampleId);
  if (!product || !sample || !productIdentity || !sampleIdentity) throw new HarnessError('INTERNAL', `case ${planned.caseId} names an unknown product or sample`);
  const roundDir = await mkdtemp(join(ctx.workDir, 'attempt-'));
  try {
    const lease: DeviceLease = await ctx.provider.acquire(planned.deviceProfile);
    let healthy = false;
    let outcome;
    try {
      const systemPort = await systemPortOf(ctx, lease.serial);
      ctx.progress(`${planned.caseId} attempt ${attempt}: started on ${lease.serial}`);
      const caseController = new AbortController();
      const timer = setTimeout(() => caseController.abort(new HarnessError('CASE_TIMEOUT', `case ${planned.caseId} exceeded timeouts.caseMs (${ctx.round.timeouts.caseMs} ms)`, { hint: 'raise timeouts.caseMs or check the product for a hang' })), ctx.round.timeouts.caseMs);
      try {
        outcome = await runCaseAttempt({
          env: ctx.env, appiumUrl: ctx.appiumUrl, lease, systemPort, preparedSnapshot: ctx.provider.preparedSnapshot, round: ctx.round, planned, attempt,
          product, productIdentity, sample, sampleIdentity, roundDir, signal: AbortSignal.any([signal, caseController.signal]), log: (line) => ctx.log(`[${lease.serial}] ${line}`),
        });
      } finally {
        clearTimeout(timer);
      }
      healthy = outcome.status !== 'infra-error';
    } finally {
      // An abandoned attempt (lock lost, worker stopping) leaves its device unhealthy: the pool resets it.
      await ctx.provider.release(lease, { healthy });
    }
    const files = await Promise.all(outcome.evidence.map(async (item) => ({ path: item.path, sha256: await hashFile(join(roundDir, item.path)) })));
    for (const file of files) {
      const taken = await ctx.client.upload({ jobId: job.id, token: job.token, caseId: planned.caseId, attempt, path: file.path, sha256: file.sha256 }, join(roundDir, file.path), signal);
      if (!taken) return { status: 'fenced' as const, reason: `the coordinator no longer takes evidence for attempt ${attempt} of ${planned.caseId}` };
    }
    const answer = await ctx.client.submit({ jobId: job.id, token: job.token, caseId: planned.caseId, attempt, outcome, files, host: ctx.host }, signal);
    ctx.progress(`${planned.caseId} attempt ${attempt}: ${outcome.status}${outcome.status === 'completed' ? ` detected ${String(outcome.detected)} alerted ${String(outcome.alerted)}` : ` ${outcome.error?.code ?? ''}`} → ${answer.status}${answer.status === 'accepted' && !answer.final ? ' (retry)' : ''}`);
    return answer;
  } finally {
    await rm(roundDir, { recursive: true, force: true });
  }
}

async function systemPortOf(ctx: WorkerContext, serial: string): Promise<number> {
  const known = ctx.systemPorts.bySerial.get(serial);
  if (known !== undefined) return known;
  const port = await findFreePort(ctx.systemPorts.next, new Set(ctx.systemPorts.bySerial.values()));
  ctx.systemPorts.next = port + 1;
  ctx.systemPorts.bySerial.set(serial, port);
  return port;
}

function fenced(job: { id: string; caseId: string }, reason: string): HarnessError {
  return new HarnessError('ATTEMPT_FENCED', `case ${job.caseId} (job ${job.id}) abandoned: ${reason}`, {
    hint: 'nothing to do: another worker holds the job now, or the case was decided; this worker takes the next job',
  });
}
