/**
 * `stalkerbench try-flow` on a running virtual device through real adb and a real Appium server of
 * its own: a demo product installed after its SHA-256 check, launched and onboarded step by step;
 * later flows on the same device; a broken step is exit 2 with the screen at the failure in the
 * capture folder; bad input (unknown flow, no such device, a wrong pin, a scaffold with TODOs) is
 * exit 2 before the device is touched. Ports: 12100–12199 and STALKERBENCH_PORT_BASE=12040 (12241, 12340…).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../harness/config/index.ts';
import { startAuthoringDevice, type AuthoringDevice } from './support/authoring-device.ts';
import { copyDemoScenario } from './support/cli-in-process.ts';

const SENTINEL = 'com.sentinelav.mobile';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let device: AuthoringDevice;
let dir: string;

beforeAll(async () => {
  device = await startAuthoringDevice({ adbServer: 12_190, emulator: 12_150, portBase: 12_040 });
  dir = await copyDemoScenario('sb-try-flow-');
  await device.adb(['shell', 'settings put global stalkerbench_fast_apps 1']);
}, 180_000);

afterAll(async () => {
  await device?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const tryFlow = (argv: string[]) => device.cli(['try-flow', ...argv], dir);

async function isInstalled(packageName: string): Promise<boolean> {
  const result = await device.server.adb(['-s', device.serial, 'shell', `pm path ${packageName}`]);
  return result.stdout.includes('package:');
}

describe('try-flow', () => {
  it('bad input is exit 2 before anything reaches the device', async () => {
    const unknown = await tryFlow(['scenarios/products/sentinel.yaml', '--flow', 'signIn']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error USAGE: try-flow: scenarios/products/sentinel.yaml has no flow "signIn"');
    expect(unknown.stderr).toMatch(/hint: its flows: onboarding, update, scan, .*dismissAlert/);

    const missing = await tryFlow(['scenarios/products/sentinel.yaml', '--flow', 'onboarding', '--device', 'emulator-12198']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error USAGE: no device emulator-12198 is attached to the adb server on port 12190');

    const profile = await readFile(join(dir, 'scenarios/products/sentinel.yaml'), 'utf8');
    await writeFile(join(dir, 'scenarios/products/wrong-pin.yaml'), profile.replace(/sha256: [0-9a-f]{64}/, `sha256: ${'a'.repeat(64)}`));
    const wrongPin = await tryFlow(['scenarios/products/wrong-pin.yaml', '--flow', 'onboarding', '--install']);
    expect(wrongPin.code).toBe(2);
    expect(wrongPin.stderr).toMatch(/^error SAMPLE_HASH_MISMATCH: scenarios\/products\/wrong-pin\.yaml:\d+ apk\.sha256: .*product-sentinelav\.apk has SHA-256 [0-9a-f]{64}, pinned a{64}/m);
    expect(await isInstalled(SENTINEL)).toBe(false);

    expect((await device.cli(['new-product', 'scenarios/apks/product-sentinelav.apk', '--id', 'draft'], dir)).code).toBe(0);
    const scaffold = await tryFlow(['scenarios/products/draft.yaml', '--flow', 'onboarding']);
    expect(scaffold.code).toBe(2);
    expect(scaffold.stderr).toContain('error CONFIG_INVALID: scenarios/products/draft.yaml: product profile is a scaffold with 8 TODO markers left to fill in');
  }, 60_000);

  it('installs the product after checking its pin, launches it and runs onboarding step by step', async () => {
    const result = await tryFlow(['scenarios/products/sentinel.yaml', '--flow', 'onboarding', '--install', '--launch', '--out', 'captures/onboarding']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`installed scenarios/apks/product-sentinelav.apk (SHA-256 matches its pin) on ${device.serial}`);
    expect(lines[1]).toBe(`try-flow onboarding of sentinel (Sentinel Mobile Security) on ${device.serial}: 5 steps`);
    const steps = ['waitFor', 'capture', 'tap', 'acceptPermissionDialogs', 'waitFor'];
    steps.forEach((action, index) => expect(lines[index + 2]).toMatch(new RegExp(`^  step ${index + 1}/5 ${action}\\s+ok\\s+\\d+(\\.\\d)? m?s$`)));
    expect(result.stdout).toContain('captures in captures/onboarding: 01-eula.png, 01-eula.xml\n');
    expect(result.stdout).toMatch(/\nonboarding passed: 5 steps in \d+(\.\d)? m?s\n$/);
    expect((await readFile(join(dir, 'captures/onboarding/01-eula.png'))).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(await readFile(join(dir, 'captures/onboarding/01-eula.xml'), 'utf8')).toContain(`resource-id="${SENTINEL}:id/eula_accept"`);
  }, 120_000);

  it('runs a later flow on the same device and prints what it read', async () => {
    const result = await tryFlow(['scenarios/products/sentinel.yaml', '--flow', 'update', '--out', 'captures/update']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^  step 3\/3 readText\s+ok/m);
    expect(result.stdout).toMatch(/^  read databaseVersion = "Definitions [\d.]+"$/m);
    expect(result.stdout).toContain('update passed: 3 steps in ');
  }, 120_000);

  it('a step the app does not satisfy is exit 2, with the screen at the failure in the capture folder', async () => {
    const profile = await readFile(join(dir, 'scenarios/products/sentinel.yaml'), 'utf8');
    const broken = profile.replace(`- tap: { id: ${SENTINEL}:id/update_button }`, '- tap: { text: Update everything now }');
    expect(broken).not.toBe(profile);
    await writeFile(join(dir, 'scenarios/products/broken.yaml'), broken);
    const result = await tryFlow(['scenarios/products/broken.yaml', '--flow', 'update', '--out', 'captures/broken', '--step-timeout', '1500']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^  step 1\/3 tap\s+FAILED  after \d/m);
    expect(result.stdout).toMatch(/^    error FLOW_STEP_FAILED: update step 1 \(tap\): text="Update everything now" was not shown within 1500 ms/m);
    expect(result.stdout).toContain('update failed at step 1 of 3; the screen at the failure is in captures/broken\n');
    expect((await readdir(join(dir, 'captures/broken'))).sort()).toEqual(['01-update-failed-step-1.png', '01-update-failed-step-1.xml']);
    expect(await readFile(join(dir, 'captures/broken/01-update-failed-step-1.xml'), 'utf8')).toContain(`resource-id="${SENTINEL}:id/update_button"`);
    // A flow failure is the profile's to fix: Appium's log is not kept.
    expect(result.stderr).toBe('');
  }, 120_000);

  it('a secret the flow types (${env:NAME}) is redacted from what it prints and from every file it captures', async () => {
    const apk = join(dir, 'scenarios/apks/stalkerware-thetruthspy.apk');
    await writeFile(join(dir, 'scenarios/products/typing.yaml'), [
      'id: typing', 'vendor: Test', 'name: Typing test', 'package: com.systemservice',
      `apk: { file: ../apks/stalkerware-thetruthspy.apk, sha256: ${await hashFile(apk)} }`,
      'flows:',
      '  onboarding:',
      '    - type: { into: { id: com.systemservice:id/account_email }, text: "${env:SB_LAB_ACCOUNT}" }',
      '    - capture: typed',
      '    - readText: { from: { id: com.systemservice:id/account_email }, as: account }',
      '  scan: [back]',
      'results: { item: { id: com.systemservice:id/row }, threatName: { id: com.systemservice:id/name }, noThreats: { text: Clean } }',
      'alerts: { notificationPatterns: none }',
      '',
    ].join('\n'));
    const secret = 'lab-account-7f3e9c@example.org';
    const result = await device.cli(['try-flow', 'scenarios/products/typing.yaml', '--flow', 'onboarding', '--install', '--launch', '--out', 'captures/typing'], dir, { SB_LAB_ACCOUNT: secret });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('read account = "•••"');
    expect(result.stdout).not.toContain(secret);
    const dump = await readFile(join(dir, 'captures/typing/01-typed.xml'), 'utf8');
    expect(dump).toContain('resource-id="com.systemservice:id/account_email"');
    expect(dump).toContain('•••');
    expect(dump).not.toContain(secret);
    // Nor in any other file it wrote (screenshots are images; the capture folder holds nothing else).
    for (const name of await readdir(join(dir, 'captures/typing'))) {
      expect((await readFile(join(dir, 'captures/typing', name))).toString('utf8').includes(secret), name).toBe(false);
    }
  }, 120_000);
});
