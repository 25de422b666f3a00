import { readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDemoScenario, editFile as edit, runCli as run, snapshotTree, type CliRun } from './support/cli-in-process.ts';
import { buildZip } from './support/apk-zip-builder.ts';


const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Replaces a sample's APK with `data` and pins its real hash, so the APK reader sees it. */
async function replaceSampleApk(dir: string, fixture: string, data: Buffer): Promise<void> {
  const apk = path.join(dir, 'scenarios/apks', `${fixture}.apk`);
  const oldHash = sha256(await readFile(apk));
  await writeFile(apk, data);
  await edit(path.join(dir, 'scenarios/samples/demo-catalogue.yaml'), (text) => text.replace(oldHash, sha256(data)));
}

describe('stalkerbench validate', () => {
  let dir: string;
  let before: string[];
  beforeEach(async () => {
    dir = await copyDemoScenario('sb-validate-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs validate on the copied demo round expecting failure with `code`; nothing may be written. */
  async function expectFailure(code: string, round = 'scenarios/rounds/demo.yaml'): Promise<CliRun> {
    before = await snapshotTree(dir);
    const result = await run(['validate', round], dir);
    expect(result.stderr).toMatch(new RegExp(`^error ${code}: `));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(await snapshotTree(dir)).toEqual(before);
    return result;
  }

  it('accepts the demo round and summarises it', async () => {
    const result = await run(['validate', 'scenarios/rounds/demo.yaml'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('round demo:');
    expect(result.stdout).toMatch(/samples +14 \(10 stalkerware, 2 watchware, 2 clean\)/);
    expect(result.stdout).toMatch(/cases +140 = 5 products × 1 device profile × 1 repetition × 28 sample runs/);
    expect(result.stdout).toContain('pixel-api33 (API 33, 6 instances)');
  });

  it('prints a round\'s licence limits in its summary', async () => {
    await edit(path.join(dir, 'scenarios/rounds/demo.yaml'), (text) => `${text}\nlimits: { sentinel: { maxDevices: 1 }, quietguard: { maxDevices: 2 } }\n`);
    const result = await run(['validate', 'scenarios/rounds/demo.yaml'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('  limits      sentinel on at most 1 device(s) at once; quietguard on at most 2 device(s) at once\n');
  });

  it('malformed YAML → YAML_SYNTAX with file:line', async () => {
    await edit(path.join(dir, 'scenarios/rounds/demo.yaml'), (text) => text.replace('repetitions: 1', 'repetitions: [1'));
    const result = await expectFailure('YAML_SYNTAX');
    expect(result.stderr).toMatch(/scenarios\/rounds\/demo\.yaml:\d+ /);
  });

  it('unknown key → CONFIG_INVALID naming file, line, field and the likely key', async () => {
    await edit(path.join(dir, 'scenarios/products/sentinel.yaml'), (text) => text.replace('    - tap: { id: com.sentinelav.mobile:id/scan_button }', '    - tpa: { id: com.sentinelav.mobile:id/scan_button }'));
    const result = await expectFailure('CONFIG_INVALID');
    const line = (await readFile(path.join(dir, 'scenarios/products/sentinel.yaml'), 'utf8')).split('\n').findIndex((text) => text.includes('- tpa:')) + 1;
    expect(result.stderr).toContain(`scenarios/products/sentinel.yaml:${line} flows.scan[0].tpa: unknown key (did you mean 'tap'?)`);
  });

  it('wrong type → CONFIG_INVALID with every problem of the file', async () => {
    await edit(path.join(dir, 'scenarios/samples/demo-catalogue.yaml'), (text) =>
      text.replace('    kind: watchware\n    family: Life360', '    kind: spyware\n    family: Life360').replace('- enableDeviceAdmin: .DeviceAdmin', '- enableDeviceAdmin: 42'));
    const result = await expectFailure('CONFIG_INVALID');
    expect(result.stderr).toMatch(/scenarios\/samples\/demo-catalogue\.yaml:\d+ samples\[10\]\.kind: expected one of "stalkerware", "watchware", "clean", got string 'spyware'/);
    expect(result.stderr).toMatch(/scenarios\/samples\/demo-catalogue\.yaml:\d+ samples\[4\]\.setup\[\d+\]\.enableDeviceAdmin: expected a string, got number 42/);
  });

  it('missing round file → CONFIG_NOT_FOUND', async () => {
    await expectFailure('CONFIG_NOT_FOUND', 'scenarios/rounds/nope.yaml');
  });

  it('missing APK → FILE_NOT_FOUND naming the pin', async () => {
    await rm(path.join(dir, 'scenarios/apks/stalkerware-mspy.apk'));
    const result = await expectFailure('FILE_NOT_FOUND');
    expect(result.stderr).toMatch(/demo-catalogue\.yaml:\d+ samples\[2\]\.sha256: file scenarios\/apks\/stalkerware-mspy\.apk does not exist/);
  });

  it('SHA-256 mismatch → SAMPLE_HASH_MISMATCH naming file, field and both hashes', async () => {
    const apk = await readFile(path.join(dir, 'scenarios/apks/stalkerware-cerberus.apk'));
    const pinned = sha256(apk);
    const wrong = 'f'.repeat(64);
    await edit(path.join(dir, 'scenarios/samples/demo-catalogue.yaml'), (text) => text.replace(pinned, wrong));
    const result = await expectFailure('SAMPLE_HASH_MISMATCH');
    expect(result.stderr).toMatch(new RegExp(`demo-catalogue\\.yaml:\\d+ samples\\[4\\]\\.sha256: scenarios/apks/stalkerware-cerberus\\.apk has SHA-256 ${pinned}, pinned ${wrong}`));
    expect(result.stderr).toContain('hint: rebuild the fixtures');
  });

  it('a file that is not an APK → APK_INVALID', async () => {
    await replaceSampleApk(dir, 'clean-pocket-notes', Buffer.from('this is a text file, not a zip\n'));
    await expectFailure('APK_INVALID');
  });

  it('a truncated zip → APK_INVALID', async () => {
    const apk = path.join(dir, 'scenarios/apks/stalkerware-letmespy.apk');
    const data = await readFile(apk);
    await replaceSampleApk(dir, 'stalkerware-letmespy', data.subarray(0, Math.floor(data.length / 2)));
    await expectFailure('APK_INVALID');
  });

  it('an APK without a manifest → APK_NO_MANIFEST', async () => {
    const zip = buildZip([{ name: 'classes.dex', data: 'dex\n035\0' }, { name: 'assets/readme.txt', data: 'no manifest here' }]);
    await replaceSampleApk(dir, 'clean-sky-weather', zip);
    await expectFailure('APK_NO_MANIFEST');
  });

  it('a package that differs from its declaration → PACKAGE_MISMATCH', async () => {
    await edit(path.join(dir, 'scenarios/products/namecheck.yaml'), (text) => text.replace('package: com.namecheck.antivirus', 'package: com.namecheck.mobile'));
    const result = await expectFailure('PACKAGE_MISMATCH');
    expect(result.stderr).toMatch(/scenarios\/products\/namecheck\.yaml:\d+ apk\.package: declared com\.namecheck\.mobile but scenarios\/apks\/product-namecheck\.apk is com\.namecheck\.antivirus/);
  });

  it('a round naming an undefined product → REFERENCE_UNDEFINED with line and the defined ids', async () => {
    await edit(path.join(dir, 'scenarios/rounds/demo.yaml'), (text) => text.replace('quietguard, namecheck', 'quietgaurd, namecheck'));
    const result = await expectFailure('REFERENCE_UNDEFINED');
    const line = (await readFile(path.join(dir, 'scenarios/rounds/demo.yaml'), 'utf8')).split('\n').findIndex((text) => text.startsWith('products:')) + 1;
    expect(result.stderr).toContain(`scenarios/rounds/demo.yaml:${line} products[1]: product 'quietgaurd' is not defined`);
    expect(result.stderr).toContain('brightwall, keystone, labelwise, namecheck, overcautious, pinecrest, quietbell, quietguard, sentinel, thoroughshield');
  });

  it('reports problems in several files together', async () => {
    await edit(path.join(dir, 'scenarios/rounds/demo.yaml'), (text) => text.replace('devices: [{ profile: pixel-api33, instances: 6 }]', 'devices: [{ profile: pixel-api34, instances: 6 }]'));
    await edit(path.join(dir, 'scenarios/products/overcautious.yaml'), (text) => text.replace('vendor: OverCautious Apps', 'vendor: 7'));
    const result = await expectFailure('REFERENCE_UNDEFINED');
    expect(result.stderr).toContain("devices[0].profile: emulator profile 'pixel-api34' is not defined");
    expect(result.stderr).toMatch(/scenarios\/products\/overcautious\.yaml:\d+ vendor: expected a string, got number 7/);
  });

  it('documents options and exit codes in --help, and refuses bad arguments', async () => {
    const help = await run(['validate', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/exit codes:\n {2}0 .*\n {2}2 .*\n(.*\n)* {2}3 /);
    const usage = await run(['validate'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error USAGE: /);
  });
});
