import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendConsoleCommand } from '../harness/android/index.ts';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { groupAttempts, readResults, readRoundFile, type AttemptResult } from '../harness/results/index.ts';
import type { RoundReporter } from '../harness/round/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { pollFor } from './support/poll.ts';
import { createRoundWorkspace, findRoundProcesses, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

const PRODUCT = 'com.sentinelav.mobile';

/**
 * One fault per sample, injected through the virtual emulator's console (`stalkerbench fault …`)
 * in the middle of the case's first attempt: once the evidence named `after` exists, i.e. once the
 * case has got that far (`sample-set-up`: the sample is installed and set up; `eula`: the product is
 * installed and its onboarding has begun, seconds before its scan).
 */
const FAULTS = {
  mspy: { command: 'stalkerbench fault crash', after: 'sample-set-up', kind: 'infra', mode: 'on-demand' },
  cerberus: { command: 'stalkerbench fault drop-adb forever', after: 'sample-set-up', kind: 'infra', mode: 'on-demand' },
  flexispy: { command: 'stalkerbench fault uia2-crash', after: 'eula', kind: 'infra', mode: 'on-demand' },
  // adb gone for 5 s during the real-time watch: a device fault, never the product's or the profile's.
  ikeymonitor: { command: 'stalkerbench fault drop-adb 5', after: 'sample-set-up', kind: 'device-hiccup', mode: 'real-time' },
  // The product's UI hangs ("isn't responding") or the product crashes: product-error, retried.
  hellospy: { command: `stalkerbench fault app-hang ${PRODUCT}`, after: 'eula', kind: 'product', code: 'PRODUCT_NOT_RESPONDING', mode: 'on-demand' },
  thetruthspy: { command: `stalkerbench fault app-crash ${PRODUCT}`, after: 'product-ready', kind: 'product', code: 'PRODUCT_CRASHED', mode: 'on-demand' },
  // A scan that never ends within the profile's budget: the UI the profile waits for never comes.
  cocospy: { command: `stalkerbench fault scan-stall ${PRODUCT}`, after: 'eula', kind: 'flow', mode: 'on-demand' },
} as const;
type FaultedSample = keyof typeof FAULTS;

describe('faults in the middle of a case', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({
      id: 'faults', portBase: 8_000, instances: 2, products: ['sentinel'], samples: Object.keys(FAULTS), modes: ['on-demand', 'real-time'],
      expectedDelays: { firstStartMs: 2_000, realTimeAlertMs: 2_000 },
    });
    // A scan that never ends, or an update behind a hung UI, must not hold the test for the profile's minutes.
    await workspace.edit('scenarios/products/sentinel.yaml', (text) => text
      .replace(/(waitFor: \{ text: Scan complete \}\n\s+timeoutMs:) \d+/, '$1 15000')
      .replace(/(waitFor: \{ text: Definitions are up to date \}\n\s+timeoutMs:) \d+/, '$1 15000'));
    expect((await readFile(join(workspace.dir, 'scenarios/products/sentinel.yaml'), 'utf8')).match(/timeoutMs: 15000/g)).toHaveLength(2);
  });
  afterAll(async () => {
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  /** The round's HOME (console auth token) is that of the emulator process on this console port. */
  async function consoleHome(port: number): Promise<string> {
    return pollFor(`emulator on console port ${port}`, async () => {
      const emulator = (await findRoundProcesses(workspace)).find((info) => info.argv.includes('-port') && info.argv[info.argv.indexOf('-port') + 1] === String(port));
      return emulator?.env.get('HOME');
    });
  }

  async function injectWhenReached(caseId: string, device: string, fault: (typeof FAULTS)[FaultedSample]): Promise<void> {
    const port = Number(device.replace('emulator-', ''));
    const home = await consoleHome(port);
    const dir = join(workspace.outputDir, 'evidence', caseId, '1');
    await pollFor(`${caseId} reaching ${fault.after}`, async () => ((await readdir(dir).catch(() => [])).some((name) => name.includes(fault.after)) ? true : undefined), { budgetMs: 120_000, intervalMs: 20 });
    if (fault.command.endsWith(' crash')) {
      // The emulator dies before it can answer OK: the injection worked when its process is gone.
      await sendConsoleCommand(fault.command, { port, home }).catch(() => undefined);
      await pollFor(`emulator ${port} gone`, async () => ((await findRoundProcesses(workspace)).some((info) => info.argv.includes(String(port)) && info.argv.includes('-port')) ? undefined : true));
      return;
    }
    await sendConsoleCommand(fault.command, { port, home });
  }

  it('each fault ends in a retry on a fresh device and a correct verdict, or an error with evidence — never a miss', async () => {
    const truth = await loadGroundTruth();
    const injections: Array<Promise<string>> = [];
    const replaced: Array<{ device: string; at: number }> = [];
    const reporter: RoundReporter = {
      onCaseStart: (event) => {
        const fault = FAULTS[event.sampleId as FaultedSample];
        if (event.attempt !== 1 || !fault || fault.mode !== event.mode) return;
        // Not awaited: the case must go on while the injection waits for it to get far enough.
        injections.push(injectWhenReached(event.caseId, event.device, fault).then(() => `${event.sampleId}: injected`, (error: unknown) => `${event.sampleId}: ${String(error)}`));
      },
      onDeviceState: (event) => { if (event.state === 'replacing') replaced.push({ device: event.device, at: Date.now() }); },
    };
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env };
    const code = await runCommand([workspace.roundFile], io, { reporters: [reporter] });
    expect(code, text).toBe(0);
    expect((await Promise.all(injections)).sort(), text).toEqual(Object.keys(FAULTS).sort().map((sample) => `${sample}: injected`));

    const round = await readRoundFile(workspace.outputDir);
    const attempts = groupAttempts((await readResults(workspace.outputDir)).results);
    for (const planned of round.plan.cases) {
      const faulted = FAULTS[planned.sampleId as FaultedSample];
      const fault = faulted.mode === planned.mode ? faulted : undefined;
      const caseAttempts: AttemptResult[] = attempts.get(planned.caseId) ?? [];
      console.log(planned.caseId, caseAttempts.map((a) => `${a.attempt}:${a.status}${a.error ? `(${a.error.code}: ${a.error.message.slice(0, 120)})` : ''}`).join(' → '));
      const final = caseAttempts.at(-1);
      if (!final) throw new Error(`no result for ${planned.caseId}`);
      expect(final.final).toBe(true);
      const expected = expectedOutcomeOf(truth, planned);
      for (const attempt of caseAttempts) {
        // Never a false miss: an attempt is either an error or a verdict equal to the ground truth.
        if (attempt.status === 'completed') expect({ caseId: planned.caseId, ...observedOutcomeOf(attempt) }).toEqual({ caseId: planned.caseId, ...expected });
        else {
          expect(attempt.error, planned.caseId).toBeDefined();
          expect(attempt.evidence.length, `${planned.caseId} attempt ${attempt.attempt} has evidence`).toBeGreaterThan(0);
        }
      }
      if (!fault) {
        expect({ caseId: planned.caseId, status: final.status }).toEqual({ caseId: planned.caseId, status: 'completed' });
      } else if (fault.kind === 'infra') {
        // The faulted attempt is an infrastructure error, the device it ran on was replaced, and the
        // retry completed with the right verdict.
        const [first, ...retries] = caseAttempts;
        expect({ caseId: planned.caseId, status: first?.status, final: first?.final }).toEqual({ caseId: planned.caseId, status: 'infra-error', final: false });
        expect(replaced.some((r) => r.device === first?.device?.serial && r.at >= Date.parse(first.timings.startedAt)), `${planned.caseId}: device replaced`).toBe(true);
        expect(retries.at(-1)?.status, planned.caseId).toBe('completed');
      } else if (fault.kind === 'device-hiccup') {
        // Whatever the attempt was doing when adb went away, it is never blamed on the product or its UI.
        for (const attempt of caseAttempts) expect(['completed', 'infra-error'], `${planned.caseId} attempt ${attempt.attempt}`).toContain(attempt.status);
        expect(final.status, planned.caseId).toBe('completed');
      } else if (fault.kind === 'product') {
        // The product's own fault: product-error with Android's log line as evidence, retried on a fresh device.
        const [first] = caseAttempts;
        expect({ caseId: planned.caseId, status: first?.status, code: first?.error?.code, final: first?.final }).toEqual({ caseId: planned.caseId, status: 'product-error', code: fault.code, final: false });
        expect(first?.evidence.some((item) => item.step === 'product-fault'), planned.caseId).toBe(true);
        expect(final.status, planned.caseId).toBe('completed');
      } else {
        // A UI that never reaches what the profile waits for: a flow-error for a person, with the screen at that moment.
        const [first] = caseAttempts;
        expect({ caseId: planned.caseId, status: first?.status, final: first?.final }).toEqual({ caseId: planned.caseId, status: 'flow-error', final: true });
        expect(first?.evidence.some((item) => item.kind === 'screenshot' && /failed|at-failure/.test(item.step)), planned.caseId).toBe(true);
      }
    }
  }, 600_000);
});
