import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../harness/cli/command.ts';
import { runDemo, runDemoCommand } from '../scripts/demo.ts';
import { readRoundFile, type AttemptResult } from '../harness/results/index.ts';
import { createRoundWorkspace, type RoundWorkspace } from './support/round-workspace.ts';

function collectIo(workspace: RoundWorkspace): CliIo & { text(): string } {
  let text = '';
  // No ANDROID_HOME: the demo writes the virtual SDK itself.
  const { ANDROID_HOME: _home, ANDROID_AVD_HOME: _avd, ...env } = workspace.env;
  return { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env, text: () => text };
}

describe('npm run demo (scripts/demo.ts)', () => {
  let workspace: RoundWorkspace;
  beforeAll(async () => {
    // The demo's code path on a two-case round (the whole demo matrix is round-demo-matrix.int.test.ts).
    workspace = await createRoundWorkspace({ id: 'demo-cli', portBase: 7_600, instances: 1, products: ['sentinel'], samples: ['mspy'], modes: ['on-demand', 'real-time'], expectedDelays: { firstStartMs: 3_000, realTimeAlertMs: 3_000 } });
  });
  afterAll(async () => { await workspace.remove(); });

  it('describes itself', async () => {
    let text = '';
    expect(await runDemoCommand(['--help'], { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: workspace.dir, env: {} })).toBe(0);
    expect(text).toMatch(/virtual\s+emulators/);
    expect(await runDemoCommand(['--bogus'], { stdout: () => undefined, stderr: () => undefined, cwd: workspace.dir, env: {} })).toBe(2);
  });

  it('creates the virtual SDK, runs the round, renders the report and prints where index.html is', async () => {
    const io = collectIo(workspace);
    expect(await runDemo(io, { roundFile: workspace.roundFile, avdHome: workspace.home.avdHome }), io.text()).toBe(0);
    expect(io.text()).toMatch(/^demo: running demo-cli into out\/demo-cli/);
    expect(io.text()).toMatch(/results: out\/demo-cli\nopen the report: out\/demo-cli\/index\.html\n$/);
    for (const file of ['index.html', 'report.md', 'matrix.csv', 'results.csv', 'junit.xml', 'summary.json']) {
      expect(existsSync(join(workspace.outputDir, file)), file).toBe(true);
    }
    const index = await readFile(join(workspace.outputDir, 'index.html'), 'utf8');
    expect(index).toContain('<html');
    // Evidence is on one page per case beside index.html, each linked from it; Appium's log was
    // compressed into parts when the server stopped, and each case page links the parts of its time.
    expect(index).not.toContain('<pre');
    const pages = await readdir(join(workspace.outputDir, 'cases'));
    expect(pages.sort()).toEqual(['sentinel__mspy__on-demand__pixel-api33__r1.html', 'sentinel__mspy__real-time__pixel-api33__r1.html']);
    for (const page of pages) {
      expect(index).toContain(`href="cases/${page}"`);
      const text = await readFile(join(workspace.outputDir, 'cases', page), 'utf8');
      expect(text).toContain('<pre>');
      expect(text).toMatch(/<a href="\.\.\/appium-logs\/\d{4}\.log\.gz">/);
    }
    expect(existsSync(join(workspace.outputDir, 'appium.log'))).toBe(false);
    expect(gunzipSync(await readFile(join(workspace.outputDir, 'appium-logs', '0001.log.gz'))).toString('utf8')).toMatch(/uiautomator2/i);
  }, 300_000);

  it('on a finished run: says so, runs nothing, renders the report again', async () => {
    await rm(join(workspace.outputDir, 'index.html'));
    const io = collectIo(workspace);
    const started: string[] = [];
    expect(await runDemo(io, { roundFile: workspace.roundFile, avdHome: workspace.home.avdHome, hooks: { reporters: [{ onCaseStart: (e) => { started.push(e.caseId); } }] } })).toBe(0);
    expect(io.text()).toMatch(/round already finished/);
    expect(started).toEqual([]);
    expect(existsSync(join(workspace.outputDir, 'index.html'))).toBe(true);
  }, 120_000);

  it('on an unfinished run: resumes it and runs only the missing case', async () => {
    // As if the run had been killed before the last case was written.
    const resultsFile = join(workspace.outputDir, 'results.jsonl');
    const lines = (await readFile(resultsFile, 'utf8')).trimEnd().split('\n');
    const dropped = JSON.parse(lines.at(-1) ?? '{}') as AttemptResult;
    await writeFile(resultsFile, `${lines.slice(0, -1).join('\n')}\n`);
    const io = collectIo(workspace);
    const started: string[] = [];
    expect(await runDemo(io, { roundFile: workspace.roundFile, avdHome: workspace.home.avdHome, hooks: { reporters: [{ onCaseStart: (e) => { started.push(e.caseId); } }] } }), io.text()).toBe(0);
    expect(io.text()).toMatch(/holds an earlier run of demo-cli/);
    expect(started).toEqual([dropped.caseId]);
    expect((await readRoundFile(workspace.outputDir)).finishedAt).not.toBeNull();
    expect(io.text()).toMatch(/open the report: out\/demo-cli\/index\.html/);
  }, 300_000);
});
