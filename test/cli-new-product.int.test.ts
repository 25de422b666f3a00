/**
 * `stalkerbench new-product` on the fixture APKs: the scaffold names what the APK declares, every
 * loader refuses it while a TODO is left (validate of a round naming it too), and once the TODOs are
 * filled in the profile loader accepts it with the APK's own package and pin. Bad input writes nothing.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkIdentity } from '../harness/apk/index.ts';
import { loadProductProfile } from '../harness/config/index.ts';
import { isHarnessError } from '../harness/errors/index.ts';
import { buildUnsignedApk } from './support/apk-builder.ts';
import { copyDemoScenario, runCli, snapshotTree } from './support/cli-in-process.ts';

let dir: string;

beforeAll(async () => {
  dir = await copyDemoScenario('sb-new-product-');
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every `"TODO: …"` value replaced by `value(todoText)`, as a person filling the scaffold would. */
function fillTodos(text: string, value: (todo: string) => string): string {
  return text.replace(/"TODO: ([^"]*)"/g, (_match, todo: string) => value(todo));
}

async function loadError(file: string): Promise<unknown> {
  return await loadProductProfile(file, { cwd: dir }).then(() => undefined, (error: unknown) => error);
}

describe('new-product', () => {
  it('scaffolds a profile from the APK: identity filled in, special accesses listed, TODOs refused until filled', async () => {
    const result = await runCli(['new-product', 'scenarios/apks/stalkerware-mspy.apk', '--id', 'mspy-draft'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote scenarios/products/mspy-draft.yaml: a SCAFFOLD with 8 TODO markers, not a working profile yet');
    expect(result.stdout).toContain('special      accessibility, notificationListener, deviceAdmin, overlay, usage, batteryOptimization');
    const file = join(dir, 'scenarios/products/mspy-draft.yaml');
    const text = await readFile(file, 'utf8');
    const identity = await readApkIdentity(join(dir, 'scenarios/apks/stalkerware-mspy.apk'));
    expect(text).toContain(`package: ${identity.packageName}\n`);
    expect(text).toContain(`  file: ../apks/stalkerware-mspy.apk\n  sha256: ${identity.sha256}\n`);
    expect(text).toContain(`#   launcher    ${identity.launchableActivity}`);
    expect(text).toContain('#   accessibility        Accessibility service');
    expect(text).toContain('    # - grantSpecialAccess: { access: deviceAdmin }');
    for (const permission of identity.permissions) expect(text).toContain(`#   ${permission}\n`);

    const refused = await loadError(file);
    expect(isHarnessError(refused, 'CONFIG_INVALID')).toBe(true);
    const details = (refused as { details: string[] }).details;
    expect(details).toHaveLength(8);
    expect(details[0]).toMatch(/^scenarios\/products\/mspy-draft\.yaml:\d+ vendor: TODO: the vendor's name as published$/);
    expect(details).toContainEqual(expect.stringMatching(/:\d+ flows\.scan\[0\]\.tap\.text: TODO: the button that starts a full scan$/));

    await writeFile(file, fillTodos(text, (todo) => (todo.startsWith('a text of its threat') ? 'threat found' : JSON.stringify(`filled: ${todo}`))));
    const profile = await loadProductProfile(file, { cwd: dir });
    expect(profile.package).toBe(identity.packageName);
    expect(profile.apk).toEqual({ file: join(dir, 'scenarios/apks/stalkerware-mspy.apk'), sha256: identity.sha256 });
    expect(profile.flows.scan).toHaveLength(3);
    expect(profile.alerts.notificationPatterns).toEqual(['threat found']);
  });

  it('every fixture APK scaffolds into a profile the loader accepts once its TODOs are filled', async () => {
    const apks = (await readdir(join(dir, 'scenarios/apks'))).filter((name) => name.endsWith('.apk'));
    expect(apks.length).toBeGreaterThan(20);
    for (const apk of apks) {
      const out = `drafts/${apk.replace(/\.apk$/, '')}.yaml`;
      const result = await runCli(['new-product', `scenarios/apks/${apk}`, '--out', out], dir);
      expect(result.code, `${apk}: ${result.stderr}`).toBe(0);
      const file = join(dir, out);
      expect(isHarnessError(await loadError(file), 'CONFIG_INVALID'), apk).toBe(true);
      await writeFile(file, fillTodos(await readFile(file, 'utf8'), () => 'Filled in'));
      const profile = await loadProductProfile(file, { cwd: dir });
      const identity = await readApkIdentity(join(dir, 'scenarios/apks', apk));
      expect([profile.package, profile.apk.sha256, profile.name], apk).toEqual([identity.packageName, identity.sha256, identity.label ?? 'Filled in']);
    }
  }, 120_000);

  it('validate refuses a round that names an unfilled scaffold (exit 2, each TODO with file:line)', async () => {
    expect((await runCli(['new-product', 'scenarios/apks/product-sentinelav.apk', '--id', 'sentinel-draft'], dir)).code).toBe(0);
    const round = await readFile(join(dir, 'scenarios/rounds/demo.yaml'), 'utf8');
    const products = /^products:.*$/m;
    expect(round).toMatch(products);
    await writeFile(join(dir, 'scenarios/rounds/draft.yaml'), round.replace(products, 'products: [../products/sentinel-draft.yaml]'));
    const result = await runCli(['validate', 'scenarios/rounds/draft.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CONFIG_INVALID: .*scenarios\/products\/sentinel-draft\.yaml: product profile is a scaffold with 8 TODO markers left to fill in$/m);
    expect(result.stderr).toContain('scenarios/products/sentinel-draft.yaml: product profile is a scaffold with 8 TODO markers left to fill in');
    expect(result.stderr).toMatch(/scenarios\/products\/sentinel-draft\.yaml:\d+ results\.noThreats\.text: TODO: /);
  });

  it('never overwrites a file without --force; with it, replaces it whole', async () => {
    const out = 'scenarios/products/sentinel.yaml';
    const before = await readFile(join(dir, out), 'utf8');
    const refused = await runCli(['new-product', 'scenarios/apks/product-sentinelav.apk', '--out', out], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`error USAGE: new-product: ${out} exists already; not overwritten`);
    expect(await readFile(join(dir, out), 'utf8')).toBe(before);
    const forced = await runCli(['new-product', 'scenarios/apks/product-sentinelav.apk', '--out', out, '--force'], dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, out), 'utf8')).toContain('NOT A WORKING PROFILE YET');
  });

  it('bad input is exit 2 with a clear message and writes nothing', async () => {
    await writeFile(join(dir, 'not-an-apk.apk'), 'hello');
    const before = await snapshotTree(dir);
    const cases: Array<[string[], RegExp]> = [
      [['new-product', 'not-an-apk.apk'], /^error APK_INVALID: .*not-an-apk\.apk is not an APK/m],
      [['new-product', 'missing.apk'], /^error FILE_NOT_FOUND: .*missing\.apk/m],
      [['new-product', 'scenarios/apks/product-sentinelav.apk', '--id', 'Not An Id'], /^error USAGE: new-product: --id "Not An Id": ids use lower-case letters/m],
      [['new-product'], /^error USAGE: new-product: takes exactly one APK file/m],
      [['new-product', 'scenarios/apks/product-sentinelav.apk', '--bogus'], /^error USAGE: new-product: Unknown option '--bogus'/m],
    ];
    for (const [argv, message] of cases) {
      const result = await runCli(argv, dir);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(message);
    }
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('text from a hostile APK stays exact in the YAML and never reaches the terminal as a control character', async () => {
    const label = 'Safe\u202Egnp.exe "quoted" # not a comment\nsecond line';
    const apk = await buildUnsignedApk(dir, 'hostile', {
      manifest: '<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.hostile"><application android:label="@string/app_name"/></manifest>',
      strings: { '': { app_name: label } },
    });
    const result = await runCli(['new-product', apk, '--id', 'hostile', '--out', 'hostile.yaml'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u202E\u0000-\u0009\u000b-\u001f]/);
    const file = join(dir, 'hostile.yaml');
    await writeFile(file, fillTodos(await readFile(file, 'utf8'), () => 'x'));
    const identity = await readApkIdentity(apk);
    expect((await loadProductProfile(file, { cwd: dir })).name).toBe(identity.label);
    expect(identity.label).toContain('\u202E');
  }, 60_000);
});
