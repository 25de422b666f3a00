import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppium, type AppiumServer } from '../harness/appium/index.ts';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults } from '../harness/results/index.ts';
import { allocatePort } from './support/index.ts';
import { createRoundWorkspace, type RoundWorkspace } from './support/round-workspace.ts';

/**
 * `appium: { urls: [...] }`: the round uses an Appium server that is already running (another
 * host, or a Grid router) instead of starting its own.
 */
describe('stalkerbench run with a remote Appium URL', () => {
  let workspace: RoundWorkspace;
  let appium: AppiumServer;
  let appiumUrl = '';

  beforeAll(async () => {
    workspace = await createRoundWorkspace({ id: 'remote', portBase: 9_200, instances: 1, products: ['sentinel'], samples: ['mspy'], modes: ['on-demand'] });
    const port = await allocatePort();
    appiumUrl = `http://127.0.0.1:${port}/`;
    appium = await startAppium({ port, env: { ...workspace.env }, logFile: join(workspace.home.tmp, 'remote-appium.log') });
    await workspace.edit('scenarios/rounds/remote.yaml', (text) => text.replace(/^appium: local$/m, `appium: { urls: ["${appiumUrl}"] }`));
  }, 120_000);
  afterAll(async () => {
    await appium?.stop();
    await workspace?.remove();
  });

  it('runs its cases through that server and does not start an Appium of its own', async () => {
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: workspace.env };
    expect(await runCommand([workspace.roundFile], io), text).toBe(0);
    const finals = [...finalOutcomes((await readResults(workspace.outputDir)).results).values()];
    expect(finals.map((r) => r.status)).toEqual(['completed']);
    expect(finals[0]?.detected).toBe(true);
    // A local server would have written appium.log (and, once stopped, appium-logs/) into the round folder.
    expect(existsSync(join(workspace.outputDir, 'appium.log'))).toBe(false);
    expect(existsSync(join(workspace.outputDir, 'appium-logs'))).toBe(false);
  }, 300_000);
});
