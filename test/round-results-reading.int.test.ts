/**
 * Issue 14: a round on a product whose results list needs several screens finds a sample listed last.
 * FullList (test/fixtures/trust/products/longlist.yaml) lists every app it checked, system apps
 * first and the newest app (the sample) last, in a RecyclerView that scrolls on its own between a
 * fixed header and a fixed panel of advice and buttons; the old whole-screen swipe (0.75 → 0.35 of the
 * screen's height) started on that panel and moved nothing. Real stack: real adb, real Appium and
 * UiAutomator2 driver, the virtual emulator, fast mode. Port block 2000–2199 (STALKERBENCH_PORT_BASE).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createRoundHome, runOneSampleRound, type RoundHome } from './support/one-sample-round.ts';

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
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(2000); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('finds it (detected, identified by package) and keeps every screen it read as evidence', async () => {
    const { code, text, output, outcomes } = await runOneSampleRound(roundHome, {
      id: 'longlist', title: 'A results list three screens long', products: [join(REPO_ROOT, 'test/fixtures/trust/products/longlist.yaml')],
      modes: ['on-demand'], setup: false, alertWatchMs: 3000,
    });
    expect(code, text).toBe(0);

    const result = outcomes.get('longlist/on-demand');
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
