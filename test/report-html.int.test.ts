import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { copyFixtureRound, launchChromium, runCli } from './fixtures/rounds/report-test-kit.ts';

let folder: string;
let browser: Browser;

beforeAll(async () => {
  folder = await copyFixtureRound('basic');
  const run = await runCli(['report', folder]);
  expect(run.code, run.stderr).toBe(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(dirname(folder), { recursive: true, force: true });
});

interface Watched { page: Page; problems: string[]; requests: string[] }

async function openReport(width: number, url = pathToFileURL(join(folder, 'index.html')).href): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  return { page, problems, requests };
}

describe('index.html of the basic fixture round in Chromium', () => {
  it('shows the hand-counted figures per product and mode', async () => {
    const { page, problems } = await openReport(1280);
    const row = (product: string, mode: string) => page.$$eval(`table.figures tbody[data-product="${product}"] tr[data-mode="${mode}"] td`, (cells) => cells.map((cell) => cell.textContent?.trim() ?? ''));
    expect(await row('acme', 'on-demand')).toEqual(['On-demand', '2/3', '66.7 %20.8–93.9 %', '1/3', '33.3 %6.1–79.2 %', '1/1', 'not tested', '1/2', '0', '0', '0']);
    expect(await row('acme', 'real-time')).toEqual(['Real-time', '2/2', '100.0 %34.2–100.0 %', '2/2', '100.0 %34.2–100.0 %', '2/2', 'not tested', '0/2', '0', '0', '1 infra']);
    expect(await row('bravo', 'on-demand')).toEqual(['On-demand', '0/2', '0.0 %0.0–65.8 %', '0/2', '0.0 %0.0–65.8 %', '0/0', 'not tested', '0/1', '0', '0', '1 flow, 1 not run']);
    expect(await row('bravo', 'all')).toEqual(['All modes', '2/4', '50.0 %15.0–85.0 %', '2/4', '50.0 %15.0–85.0 %', '2/2', 'not tested', '1/3', '0', '0', '1 flow, 2 not run']);
    const outcomes = await page.$$eval('table.matrix tbody tr', (rows) => rows
      .filter((tr) => tr.querySelector('th[scope=row]'))
      .map((tr) => [...tr.querySelectorAll('td.cell')].map((td) => td.getAttribute('data-outcome'))));
    expect(outcomes).toEqual([
      ['detected-alerted', 'detected-alerted', 'missed', 'detected-alerted'],
      ['detected-silent', 'error', 'error', 'detected-alerted'],
      ['missed', 'detected-alerted', 'missed', 'not-executed'],
      ['flagged', 'not-flagged', 'not-flagged', 'not-flagged'],
      ['not-flagged', 'not-flagged', 'not-executed', 'flagged'],
    ]);
    // Semantics for screen readers: caption, scoped headers, a text label on every cell.
    expect(await page.$eval('table.matrix caption', (caption) => caption.textContent)).toContain('Samples × products × modes');
    expect(await page.$$eval('table.matrix tbody th[scope=row]', (cells) => cells.length)).toBe(5);
    expect(await page.$$eval('table.matrix tfoot td', (cells) => cells.map((cell) => cell.textContent))).toEqual(['2/3', '2/2', '0/2', '2/2', '1/3', '2/2', '0/2', '2/2']);
    expect(await page.$$eval('td.cell', (cells) => cells.every((cell) => (cell.querySelector('a')?.getAttribute('aria-label') ?? cell.querySelector('.vh')?.textContent ?? '') !== ''))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a cell\'s verdict in a dialog, and its evidence on the case page it links to: screenshot, timings, UI dump', async () => {
    const { page, problems, requests } = await openReport(1280);
    await page.click('a.cell-link[aria-label^="FlexiSpy — Acme Mobile Security, On-demand"]');
    const dialog = page.locator('dialog#evidence-dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toContain('FlexiSpy — Acme Mobile Security · On-demand: Detected and alerted');
    expect(await dialog.locator('blockquote.alert').textContent()).toContain('Acme Mobile Security: FlexiSpy can read your messages');
    expect(await dialog.locator('dl.facts').textContent()).toContain('Monitor.AndroidOS.FlexiSpy.a');
    // The evidence itself is not on the page: no images, no dumps.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('pre').count()).toBe(0);
    await dialog.locator('button.close').click();
    await page.locator('dialog#evidence-dialog[open]').waitFor({ state: 'detached' }).catch(() => undefined);
    expect(await page.$eval('dialog#evidence-dialog', (element) => (element as unknown as { open: boolean }).open)).toBe(false);
    // The <details> went back to the evidence section.
    expect(await page.$eval('#evidence details.evidence:first-of-type', (element) => element.closest('section')?.id)).toBe('evidence');

    await page.click('a.cell-link[aria-label^="FlexiSpy — Acme Mobile Security, On-demand"]');
    const link = page.locator('dialog#evidence-dialog[open] a.case-page');
    expect(await link.textContent()).toBe('Case page: 2 screenshots, 2 text dumps');
    await link.click();
    await page.waitForURL(/\/cases\/acme\.flexispy\.on-demand\.api34\.r1\.html$/);
    expect(await page.locator('h1').textContent()).toBe('FlexiSpy — Acme Mobile Security · On-demand');
    expect(await page.locator('table.steps tbody tr').count()).toBe(6);
    const image = page.locator('img[alt="Screenshot at step scan-results"]');
    await expect.poll(() => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth), { timeout: 5000 }).toBe(90);
    expect(await image.getAttribute('src')).toBe('../evidence/acme.flexispy.on-demand.api34.r1/1/03-scan-results.png');
    const dump = page.locator('details.dump', { hasText: 'UI hierarchy dump' });
    await dump.locator('summary').click();
    expect(await dump.locator('pre').textContent()).toContain('<hierarchy rotation="0">');
    // Its way back leads to the cell on the report.
    await page.click('header a');
    await page.waitForURL(/\/index\.html#cell-1$/);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows earlier failed attempts with their errors', async () => {
    const { page } = await openReport(1280);
    await page.click('a.cell-link[aria-label^="FlexiSpy — Bravo Antivirus, Real-time"]');
    const text = await page.locator('dialog#evidence-dialog .body').textContent();
    expect(text).toContain('1 earlier attempt(s)');
    expect(text).toContain('DEVICE_LOST');
    await page.close();
  });

  it('fits a 390 px phone: the page does not scroll sideways, the matrix scrolls in its own box', async () => {
    const { page } = await openReport(390);
    const widths = await page.evaluate(`({
      page: document.documentElement.scrollWidth,
      matrixBox: document.querySelector('table.matrix')?.closest('.scroll')?.clientWidth ?? 0,
      matrix: document.querySelector('table.matrix')?.scrollWidth ?? 0,
    })`) as { page: number; matrixBox: number; matrix: number };
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.matrixBox).toBeLessThanOrEqual(390);
    expect(widths.matrix).toBeGreaterThan(widths.matrixBox);
    await page.click('a.cell-link[aria-label^="Cocospy — Acme Mobile Security, On-demand"]');
    const box = await page.locator('dialog#evidence-dialog').boundingBox();
    expect(box?.width ?? 1000).toBeLessThanOrEqual(390);
    await page.close();
  });
});
