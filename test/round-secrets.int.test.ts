/**
 * Issue 15 §1, secrets end to end: a round whose Brightwall profile signs in with a lab account from the
 * environment (`${env:SB_FLOWREST_ACCOUNT}`, through a `run` sub-flow parameter). The secret is typed into
 * the product (setValue through Appium, so Appium's own log records it), shown in the sign-in form the
 * flow captures (UI dump), and logged by the product to logcat ("sign-in failed for <account>", saved as
 * evidence). Then EVERY file under the round folder — results.jsonl, round.log, round.json, evidence,
 * appium.log and its gzip-compressed parts (decompressed here), the report outputs (index.html, case
 * pages, report.md, CSV, JUnit, JSON) — and everything `run` printed are searched for the secret's value
 * in its plain, XML-escaped and JSON-escaped forms: it appears nowhere, and the redaction mark shows where
 * it was (the UI dump, logcat, Appium's log).
 * Real stack: real adb, real Appium and UiAutomator2 driver, the virtual emulator, fast mode.
 * Port block 14800–14999 (STALKERBENCH_PORT_BASE).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createRoundHome, runOneSampleRound, type RoundHome } from './support/one-sample-round.ts';

const SECRET = 'lab-7Q2x9-account@example.org';
const FORMS = [SECRET, SECRET.replaceAll('@', '&#64;'), JSON.stringify(SECRET).slice(1, -1), JSON.stringify([...SECRET]).slice(1, -1)];
const BRIGHTWALL_APK = join(REPO_ROOT, 'scenarios/apks/product-brightwall.apk');
const ID = 'com.brightwall.security:id/';

/** Brightwall's profile (scenarios/products/brightwall.yaml) with an onboarding that signs in first. */
async function writeProfile(dir: string): Promise<string> {
  const sha256 = createHash('sha256').update(await readFile(BRIGHTWALL_APK)).digest('hex');
  const file = join(dir, 'brightwall-secret.yaml');
  await writeFile(file, [
    'id: brightwall',
    'vendor: Brightwall (fictional)',
    'name: Brightwall Security',
    'package: com.brightwall.security',
    `apk: { file: ${BRIGHTWALL_APK}, sha256: ${sha256} }`,
    'autoAcceptPermissionDialogs: true',
    'flows:',
    '  signIn:',
    `    - tap: { id: ${ID}sign_in }`,
    `    - type: { into: { id: ${ID}email }, text: "\${account}" }`,
    `    - tap: { id: ${ID}signin_continue }`,
    '    - capture: signin-form',
    '    - repeat:',
    `        until: { visible: { id: ${ID}skip_sign_in } }`,
    '        times: 3',
    '        steps: [back]',
    `    - tap: { id: ${ID}skip_sign_in }`,
    '  onboarding:',
    '    - waitForFirst:',
    `        signIn: { id: ${ID}skip_sign_in }`,
    `        tour: { id: ${ID}tour_next }`,
    '      timeoutMs: 20000',
    '      cases:',
    '        signIn:',
    '          - run: { flow: signIn, params: { account: "${env:SB_FLOWREST_ACCOUNT}" } }',
    '    - repeat:',
    '        times: 3',
    '        steps:',
    `          - tap: { id: ${ID}tour_next }`,
    '    - acceptPermissionDialogs',
    '    - if: { visible: { text: Go Premium }, timeoutMs: 5000 }',
    '      then:',
    '        - tap: { desc: Close }',
    `    - waitFor: { id: ${ID}status_text }`,
    '  scan:',
    '    - tap: { desc: Scan }',
    `    - tap: { id: ${ID}start_scan }`,
    `    - waitFor: { id: ${ID}scan_title }`,
    '      timeoutMs: 120000',
    'results:',
    `  item: { id: ${ID}result_row }`,
    `  threatName: { id: ${ID}result_name }`,
    `  appLabel: { id: ${ID}result_app }`,
    `  package: { id: ${ID}result_package }`,
    `  category: { id: ${ID}result_category }`,
    `  noThreats: { id: ${ID}no_threats }`,
    'alerts:',
    '  notificationPatterns: [threat found]',
    'expectedDelays: { firstStartMs: 10000, updateMs: 30000, scanMs: 60000, realTimeAlertMs: 15000 }',
    '',
  ].join('\n'));
  return file;
}

/** Every file under `root` as text; gzip-compressed files (Appium's log parts) decompressed. */
async function readTree(root: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    texts.set(path.slice(root.length + 1), (entry.name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  }
  return texts;
}

describe('a secret typed into a product during a round', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(14800); });
  afterAll(async () => {
    delete process.env['SB_FLOWREST_ACCOUNT'];
    await roundHome?.home.remove();
  });

  it('appears in no file of the round folder (appium logs decompressed) and nowhere in what run printed', async () => {
    // `${env:NAME}` is read from the environment of the process that runs the round (run runs in process here).
    process.env['SB_FLOWREST_ACCOUNT'] = SECRET;
    const profile = await writeProfile(roundHome.home.home);
    const { text, output, outcomes } = await runOneSampleRound(roundHome, {
      id: 'secrets', title: 'A lab account typed into the product', products: [profile], modes: ['on-demand'],
    });
    const result = outcomes.get('brightwall/on-demand');
    expect(result, text).toBeDefined();
    // Brightwall alerts for apps already there when its tour ends (first start) and lists the sample after the scan.
    expect({ status: result!.status, error: result!.error?.code, detectedBy: result!.detectedBy }, text).toEqual({ status: 'completed', error: undefined, detectedBy: ['first-start', 'scan'] });
    // The sign-in branch ran: the form was captured with the account typed in.
    expect(result!.evidence.map((item) => item.step)).toContain('signin-form');

    const files = await readTree(output);
    const names = [...files.keys()];
    // The round wrote what the check must cover: results, logs, evidence, Appium's log parts and the reports.
    for (const expected of [/^results\.jsonl$/, /^round\.log$/, /^round\.json$/, /^index\.html$/, /^report\.md$/, /\.csv$/, /^appium-logs\/\d+\.log\.gz$/, /^evidence\/.*signin-form.*\.xml$/, /^evidence\/.*logcat/]) {
      expect(names.some((name) => expected.test(name)), `${String(expected)} in ${names.join(', ')}`).toBe(true);
    }
    expect(names.some((name) => /\.html$/.test(name) && name !== 'index.html'), 'a case page').toBe(true);
    for (const [name, content] of files) {
      for (const form of FORMS) expect(content.includes(form), `${form} in ${name}`).toBe(false);
    }
    for (const form of FORMS) expect(text.includes(form), `${form} in the output of run`).toBe(false);

    // Redacted where it was written, not lost: the UI dump of the form, the product's log line, Appium's setValue.
    const at = (pattern: RegExp): string => [...files].filter(([name]) => pattern.test(name)).map(([, content]) => content).join('\n');
    expect(at(/signin-form.*\.xml$/)).toContain('•••');
    expect(at(/logcat/)).toContain('sign-in failed for •••');
    expect(at(/^appium-logs\//)).toMatch(/setValue|\/value/);
    expect(at(/^appium-logs\//)).toContain('•••');
  }, 600_000);
});
