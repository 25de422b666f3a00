/**
 * Issue 16: a round run across machines records the host of each accepted attempt beside
 * results.jsonl (attempt-hosts.jsonl, written by the coordinator); the report's method section lists
 * the hosts with their workers and software versions, each case page names its attempt's host, and
 * host text (worker-supplied) is escaped like device text. A torn line is skipped and said.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixtureRound, runCli } from './fixtures/rounds/report-test-kit.ts';

const cleanup: string[] = [];
afterEach(async () => {
  for (const path of cleanup.splice(0)) await rm(path, { recursive: true, force: true });
});

describe('hosts in the report of a distributed round', () => {
  it('lists each host with its attempts, workers and versions, names the host on case pages, escapes host text', async () => {
    const folder = await copyFixtureRound('basic');
    cleanup.push(dirname(folder));
    const results = (await readFile(join(folder, 'results.jsonl'), 'utf8')).split('\n').filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { caseId: string; attempt: number });
    const versions = { node: 'v20.20.2', adb: '1.0.41', appium: '3.1.0', driver: '5.0.0' };
    const lines = results.map((result, index) => JSON.stringify({
      caseId: result.caseId, attempt: result.attempt,
      hostname: index % 2 === 0 ? 'lab-host-1' : 'lab-<b>host</b>-2', workerId: index % 2 === 0 ? 'lab-host-1-101' : 'w-202', versions,
    }));
    await writeFile(join(folder, 'attempt-hosts.jsonl'), `${lines.join('\n')}\n{"caseId":"torn`);

    const run = await runCli(['report', folder]);
    expect(run.code, run.stderr).toBe(0);
    const index = await readFile(join(folder, 'index.html'), 'utf8');
    const hosts = /<dd id="hosts">([\s\S]*?)<\/dd>/.exec(index)?.[1] ?? '';
    expect(hosts).toContain('2 host(s) ran this round');
    expect(hosts).toContain(`lab-host-1</span>: ${Math.ceil(results.length / 2)} attempt(s), worker(s) lab-host-1-101; node v20.20.2, adb 1.0.41, appium 3.1.0, driver 5.0.0`);
    expect(hosts).toContain('lab-&lt;b&gt;host&lt;/b&gt;-2');
    expect(index).not.toContain('<b>host</b>');
    expect(index).toContain('attempt-hosts.jsonl has 1 line(s) that are not a host record');

    const first = results[0]!;
    const page = await readFile(join(folder, 'cases', `${first.caseId}.html`), 'utf8');
    expect(page).toMatch(/<dt>Host<\/dt><dd>lab-host-1 \(worker lab-host-1-101\)<\/dd>/);
    const markdown = await readFile(join(folder, 'report.md'), 'utf8');
    expect(markdown).toContain('### Hosts');
    expect(markdown).toMatch(/\| lab-host-1 \| \d+ \| lab-host-1-101 \|/);
  });

  it('says nothing about hosts for a round run on one machine', async () => {
    const folder = await copyFixtureRound('basic');
    cleanup.push(dirname(folder));
    expect((await runCli(['report', folder])).code).toBe(0);
    expect(await readFile(join(folder, 'index.html'), 'utf8')).not.toContain('id="hosts"');
    expect(await readFile(join(folder, 'report.md'), 'utf8')).not.toContain('### Hosts');
  });
});
