/**
 * Issue 14: a round on a product whose results list needs several screens finds a sample listed last.
 * FullList (test/fixtures/trust/products/longlist.yaml) lists every app it checked, system apps
 * first and the newest app (the sample) last, in a RecyclerView that scrolls on its own between a
 * fixed header and a fixed panel of advice and buttons; the old whole-screen swipe (0.75 → 0.35 of the
 * screen's height) started on that panel and moved nothing. Real stack: real adb, real Appium and
 * UiAutomator2 driver, the virtual emulator, fast mode. Port block 2000–2199 (STALKERBENCH_PORT_BASE).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import type { CliIo } from '../harness/cli/command.ts';
import { runCommand } from '../harness/cli/run.ts';
import { finalOutcomes, readResults } from '../harness/results/index.ts';
import { REPO_ROOT, writeVirtualSdk } from '../simulator/sdk/index.ts';
import { createTestHome, type TestHome } from './support/test-home.ts';

const SAMPLE_APK = join(REPO_ROOT, 'scenarios/apks/stalkerware-thetruthspy.apk');
const SAMPLE_PACKAGE = 'com.systemservice';
const LIST_ID = 'com.fulllist.security:id/report_list';
const ROW_ID = 'com.fulllist.security:id/report_row';

interface Box { top: number; bottom: number }

function boundsOf(value: string | null): Box {
  const match = /^\[\d+,(\d+)\]\[\d+,(\d+)\]$/.exec(value ?? '');
  if (!match) throw new Error(`bounds ${value}`);
  return { top: Number(match[1]), bottom: Number(match[2]) };
}

/** The list's bounds, the screen's height and the packages of its rows, from one saved page source. */
function readScreen(xml: string): { list: Box; height: number; packages: string[] } {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const elements = [...document.getElementsByTagName('*')];
  const list = elements.find((element) => element.getAttribute('resource-id') === LIST_ID);
  if (!list) throw new Error('no results list in the saved page source');
  const packages = elements.filter((element) => element.getAttribute('resource-id') === ROW_ID)
    .flatMap((row) => [...row.getElementsByTagName('*')].filter((child) => child.getAttribute('resource-id') === 'com.fulllist.security:id/subtitle').map((child) => child.getAttribute('text') ?? ''));
  return { list: boundsOf(list.getAttribute('bounds')), height: Number(document.documentElement?.getAttribute('height')), packages };
}

describe('reading a results list three screens long, the sample listed last', () => {
  let home: TestHome;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await createTestHome();
    const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome,
      STALKERBENCH_PORT_BASE: '2000', CI: '1',
    };
  });
  afterAll(async () => { await home?.remove(); });

  it('finds it (detected, identified by package) and keeps every screen it read as evidence', async () => {
    const sha256 = createHash('sha256').update(await readFile(SAMPLE_APK)).digest('hex');
    const catalogue = join(home.home, 'catalogue.yaml');
    await writeFile(catalogue, [
      'title: One sample for the long-list round',
      'samples:',
      '  - id: thetruthspy',
      `    file: ${SAMPLE_APK}`,
      `    sha256: ${sha256}`,
      `    package: ${SAMPLE_PACKAGE}`,
      '    kind: stalkerware',
      '    family: TheTruthSpy',
      '    label: System Service',
      '',
    ].join('\n'));
    const roundFile = join(home.home, 'longlist.yaml');
    await writeFile(roundFile, [
      'id: longlist',
      'title: A results list three screens long',
      `products: [${join(REPO_ROOT, 'test/fixtures/trust/products/longlist.yaml')}]`,
      'samples:',
      `  - catalogue: ${catalogue}`,
      '    select: all',
      'devices: [pixel-api33]',
      'modes: [on-demand]',
      'repetitions: 1',
      'timeouts: { caseMs: 240000, stepMs: 10000, alertWatchMs: 3000 }',
      'retries: { infra: 0 }',
      'concurrency: 1',
      'appium: local',
      'detection: { categories: [], namePatterns: [] }',
      'deviceSettings: { global: { stalkerbench_fast_apps: "1" } }',
      '',
    ].join('\n'));
    const output = join(home.home, 'out');
    let text = '';
    const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: REPO_ROOT, env };
    const code = await runCommand([roundFile, '--output', output], io);
    expect(code, text).toBe(0);

    const { results } = await readResults(output);
    const [result] = [...finalOutcomes(results).values()];
    expect(result, text).toBeDefined();
    expect({ status: result!.status, error: result!.error?.message }).toEqual({ status: 'completed', error: undefined });
    expect(result!.detected).toBe(true);
    expect(result!.detectedBy).toEqual(['scan']);
    expect(result!.basis?.identifiedBy).toBe('package');

    // Each screen read was saved, in order; together they show the whole list, the sample last.
    const screens = result!.evidence.filter((item) => item.kind === 'ui-dump' && /scan-results-screen-\d+$/.test(item.step));
    expect(result!.evidence.filter((item) => item.kind === 'screenshot' && /scan-results-screen-\d+$/.test(item.step))).toHaveLength(screens.length);
    const read = await Promise.all(screens.map(async (item) => readScreen(await readFile(join(output, item.path), 'utf8'))));
    const rowsPerScreen = Math.max(...read.map((screen) => screen.packages.length));
    const listed = [...new Set(read.flatMap((screen) => screen.packages))];
    // At least three full screens of rows before the sample's.
    expect(listed.length).toBeGreaterThanOrEqual(3 * rowsPerScreen);
    expect(listed.at(-1)).toBe(SAMPLE_PACKAGE);
    expect(read[0]!.packages).not.toContain(SAMPLE_PACKAGE);
    expect(read.at(-1)!.packages).toContain(SAMPLE_PACKAGE);
    // The old swipe's start (0.75 of the screen's height) lies below the list, on the fixed panel.
    expect(read[0]!.list.bottom).toBeLessThan(read[0]!.height * 0.75);
    // The entries the verdict read: every row, each once, the sample's with its package.
    const entries = JSON.parse(await readFile(join(output, result!.evidence.find((item) => item.step === 'scan-entries')!.path), 'utf8')) as Array<{ packageName?: string; threatName: string }>;
    expect(entries.map((entry) => entry.packageName)).toEqual(listed);
    expect(entries.at(-1)).toMatchObject({ packageName: SAMPLE_PACKAGE, threatName: 'Spyware' });
  }, 600_000);
});
