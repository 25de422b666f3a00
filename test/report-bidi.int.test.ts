/**
 * Unicode bidirectional controls in text from a device (a sample's label, a threat name, an alert)
 * reach every rendered report as visible code points (`⟨U+202E⟩`), never as the invisible controls
 * that would reorder what a reader sees. Each format is parsed back: HTML and JUnit XML in
 * Chromium, the CSVs with csv-parse, Markdown as text. No emulator, so no ports.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { copyFixtureRound, launchChromium, runCli } from './fixtures/rounds/report-test-kit.ts';

const ANY_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const FILES = ['index.html', 'report.md', 'matrix.csv', 'results.csv', 'junit.xml'] as const;

// Written into the fixture's JSON as \u escapes, so the files stay ASCII.
const LABEL_RAW = 'Spy\\u202ekpa.exe\\u202c';
const LABEL_SHOWN = 'Spy⟨U+202E⟩kpa.exe⟨U+202C⟩';
const THREAT_RAW = '\\u2067Monitor\\u2069\\u200f';
const THREAT_SHOWN = '⟨U+2067⟩Monitor⟨U+2069⟩⟨U+200F⟩';
const ALERT_RAW = 'Threat found \\u202d\\u061c\\u200e';
const ALERT_SHOWN = 'Threat found ⟨U+202D⟩⟨U+061C⟩⟨U+200E⟩';

let folder: string;
let browser: Browser;
const files: Record<string, string> = {};

async function replaceAll(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(file, text.split(from).join(to));
}

beforeAll(async () => {
  folder = await copyFixtureRound('hostile');
  await replaceAll(join(folder, 'round.json'), 'Spy*Tool*', LABEL_RAW);
  await replaceAll(join(folder, 'results.jsonl'), '"threatName":"=HYPERLINK(', `"threatName":"${THREAT_RAW}=HYPERLINK(`);
  await replaceAll(join(folder, 'results.jsonl'), 'Threat found ', ALERT_RAW);
  const run = await runCli(['report', folder]);
  expect(run.code, run.stderr).toBe(0);
  for (const name of FILES) files[name] = await readFile(join(folder, name), 'utf8');
  for (const page of await readdir(join(folder, 'cases'))) files[`cases/${page}`] = await readFile(join(folder, 'cases', page), 'utf8');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (folder !== undefined) await rm(dirname(folder), { recursive: true, force: true });
});

describe('bidirectional controls from a device', () => {
  it('appear in no rendered file, case pages included', () => {
    expect(Object.keys(files).filter((name) => name.startsWith('cases/'))).not.toHaveLength(0);
    for (const [name, text] of Object.entries(files)) expect(text, name).not.toMatch(ANY_CONTROL);
  });

  it('show as code points in the HTML report as a browser renders it', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    const text = await page.evaluate('document.documentElement.textContent');
    await page.close();
    expect(text).not.toMatch(ANY_CONTROL);
    expect(text).toContain(LABEL_SHOWN);
    expect(text).toContain(THREAT_SHOWN);
  });

  it('show as code points on the case page as a browser renders it', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(folder, 'cases', 'evil-av.xss.on-demand.api34.r1.html')).href);
    const text = await page.evaluate('document.documentElement.textContent');
    await page.close();
    expect(text).not.toMatch(ANY_CONTROL);
    expect(text).toContain(LABEL_SHOWN);
    expect(text).toContain(THREAT_SHOWN);
    expect(text).toContain(ALERT_SHOWN);
  });

  it('show as code points in both CSVs once parsed', () => {
    const results = parse(files['results.csv'] ?? '', { bom: true }) as string[][];
    const header = results[0] ?? [];
    const row = results.find((cells) => (cells[header.indexOf('threat_name')] ?? '').startsWith(THREAT_SHOWN));
    expect(row, 'a results.csv row with the threat name').toBeDefined();
    expect(row?.[header.indexOf('alert_text')]).toContain(ALERT_SHOWN);
    const matrix = (parse(files['matrix.csv'] ?? '', { bom: true }) as string[][]).flat();
    expect(matrix.some((cell) => cell.includes(LABEL_SHOWN))).toBe(true);
  });

  it('show as code points in the JUnit XML once parsed', async () => {
    const page = await browser.newPage();
    const parsed = await page.evaluate(`((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const error = doc.querySelector('parsererror');
      return error ? 'parse error: ' + error.textContent : doc.documentElement.textContent + [...doc.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value)).join(' ');
    })(${JSON.stringify(files['junit.xml'] ?? '')})`);
    await page.close();
    expect(parsed).not.toMatch(ANY_CONTROL);
    expect(parsed).toContain(LABEL_SHOWN);
    expect(parsed).toContain(THREAT_SHOWN);
  });

  it('show as code points in report.md', () => {
    expect(files['report.md']).toContain(LABEL_SHOWN);
  });
});
