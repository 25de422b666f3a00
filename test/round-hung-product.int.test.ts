/**
 * A product whose UI thread hangs in the middle of a case. On a real phone the UiAutomator2 server
 * then answers every lookup with a 500 after 10 s (no root for the active window), which looks like a
 * broken Appium session; Android names the hang only once input waits for the app. The harness gives it
 * that input and reads the ANR: the attempt is the product's fault (product-error, retried), never an
 * infrastructure error retried on fresh devices where it would hang again. Ports: 1800–1999.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendConsoleCommand } from '../harness/android/index.ts';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { groupAttempts, readResults, readRoundFile } from '../harness/results/index.ts';
import type { RoundReporter } from '../harness/round/index.ts';
import { expectedOutcomeOf, loadGroundTruth, observedOutcomeOf } from './support/ground-truth.ts';
import { pollFor } from './support/poll.ts';
import { createRoundWorkspace, findRoundProcesses, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

const PRODUCT = 'com.sentinelav.mobile';

describe('a product that hangs during a case', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    workspace = await createRoundWorkspace({
      id: 'hung', portBase: 1_800, instances: 1, products: ['sentinel'], samples: ['hellospy'], modes: ['on-demand'],
      expectedDelays: { firstStartMs: 2_000 },
    });
  });
  afterAll(async () => {
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  async function hangWhenOnboarding(caseId: string, device: string): Promise<void> {
    const port = Number(device.replace('emulator-', ''));
    const home = await pollFor(`emulator on console port ${port}`, async () => {
      const emulator = (await findRoundProcesses(workspace)).find((info) => info.argv.includes('-port') && info.argv[info.argv.indexOf('-port') + 1] === String(port));
      return emulator?.env.get('HOME');
    });
    const dir = join(workspace.outputDir, 'evidence', caseId, '1');
    await pollFor(`${caseId} reaching eula`, async () => ((await readdir(dir).catch(() => [])).some((name) => name.includes('eula')) ? true : undefined), { budgetMs: 120_000, intervalMs: 20 });
    await sendConsoleCommand(`stalkerbench fault app-hang ${PRODUCT}`, { port, home });
  }

  it('ends the attempt product-error (PRODUCT_NOT_RESPONDING, with the ANR as evidence) and the retry gives the right verdict', async () => {
    const injections: Array<Promise<unknown>> = [];
    const reporter: RoundReporter = {
      onCaseStart: (event) => { if (event.attempt === 1) injections.push(hangWhenOnboarding(event.caseId, event.device)); },
    };
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env };
    const started = performance.now();
    const code = await runCommand([workspace.roundFile], io, { reporters: [reporter] });
    console.log(`hung-product round: ${Math.round((performance.now() - started) / 1000)} s`);
    expect(code, text).toBe(0);
    await Promise.all(injections);

    const truth = await loadGroundTruth();
    const round = await readRoundFile(workspace.outputDir);
    const attempts = groupAttempts((await readResults(workspace.outputDir)).results);
    const [planned] = round.plan.cases;
    const [first, ...retries] = attempts.get(planned!.caseId) ?? [];
    console.log(first?.status, first?.error?.code, first?.error?.message);
    expect({ status: first?.status, code: first?.error?.code, final: first?.final }).toEqual({ status: 'product-error', code: 'PRODUCT_NOT_RESPONDING', final: false });
    expect(first?.evidence.some((item) => item.step === 'product-fault')).toBe(true);
    const final = retries.at(-1);
    expect(final?.status).toBe('completed');
    expect(observedOutcomeOf(final!), JSON.stringify({ final: { detectedBy: final?.detectedBy, alertKinds: final?.alertKinds, basis: final?.basis } })).toEqual(expectedOutcomeOf(truth, planned!));
  }, 600_000);
});
