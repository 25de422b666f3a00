import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRoundAgainstGroundTruth } from './support/ground-truth.ts';
import { createRoundWorkspace, killRoundProcesses, type RoundWorkspace } from './support/round-workspace.ts';

describe('the whole demo matrix', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    // The demo round as shipped and as `npm run demo` runs it (every product × every sample ×
    // on-demand, real-time and the false-positive checks) with its appDelayScale (0.1: the products'
    // delays and the watch budgets at a tenth of their real length), on four emulators rather than the
    // demo's six, as other test files share the machine's two cores with it.
    workspace = await createRoundWorkspace({ id: 'matrix', portBase: 7_200, instances: 4, fastApps: false, demoDelayScale: true });
  });
  afterAll(async () => {
    await killRoundProcesses(workspace);
    await workspace.remove();
  });

  it('completes every case and every verdict equals scenarios/ground-truth.yaml', async () => {
    const { code, text, cases, observed, expected } = await runRoundAgainstGroundTruth(workspace);
    expect(code, text).toBe(0);
    expect(cases).toHaveLength(140);
    expect(observed).toEqual(expected);
  }, 1_200_000);
});
