/**
 * A round on a Google Play image where Play Protect asks about the product ("Send app for security
 * check?") while it installs: the profile whose systemDialogs answer it completes the case with the
 * dialog on its evidence (capture and text `system-dialog-1`); the same product without a handler ends
 * as flow-error quoting the dialog, never as a verdict. Ports 11400–11599.
 */
import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { buildUnsignedApkFromFolder, createSigningKey, signApk } from './support/apk-builder.ts';
import { createRoundHome, runOneSampleRound, type RoundHome } from './support/one-sample-round.ts';

describe('Play Protect during a round', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(11_400); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('a handled prompt is evidence on a completed case; an unhandled one is a flow-error naming it', async () => {
    const dir = roundHome.home.home;
    const config = join(roundHome.home.avdHome, 'stalkerbench_pixel_api33.avd', 'config.ini');
    await writeFile(config, (await readFile(config, 'utf8')).replace('tag.id=google_apis\n', 'tag.id=google_apis_playstore\n'));
    // Sentinel as Play Protect has never seen it.
    const source = join(dir, 'sentinel-src');
    await cp(join(REPO_ROOT, 'scenarios/fixtures/product-sentinelav'), source, { recursive: true });
    const behaviourFile = join(source, 'assets', 'stalkerbench-behaviour.json');
    await writeFile(behaviourFile, JSON.stringify({ ...(JSON.parse(await readFile(behaviourFile, 'utf8')) as object), playProtect: 'unknown' }));
    const key = await createSigningKey(roundHome.home.tmp, { name: 'sentinel', algorithm: 'EC', dname: 'CN=Sentinel' });
    const apk = await signApk(await buildUnsignedApkFromFolder(roundHome.home.tmp, 'sentinel', source, (text) => text), join(dir, 'sentinel.apk'), key, { v1: true, v2: true, v3: false });
    const sha256 = createHash('sha256').update(await readFile(apk)).digest('hex');
    const profile = parse(await readFile(join(REPO_ROOT, 'scenarios/products/sentinel.yaml'), 'utf8')) as Record<string, unknown>;
    const handled = join(dir, 'handled.yaml');
    const unhandled = join(dir, 'unhandled.yaml');
    await writeFile(handled, stringify({ ...profile, id: 'handled', apk: { file: apk, sha256 }, systemDialogs: [{ playProtect: 'dontSend' }] }));
    await writeFile(unhandled, stringify({ ...profile, id: 'unhandled', apk: { file: apk, sha256 } }));

    const { text, output, outcomes } = await runOneSampleRound(roundHome, {
      id: 'system-dialogs', title: 'Play Protect asks about the product', products: [handled, unhandled], modes: ['on-demand'],
      // A round turns the check off while it prepares the device; this lab turns it back on.
      globalSettings: { verifier_verify_adb_installs: '1' },
    });

    const done = outcomes.get('handled/on-demand');
    expect(done, text).toBeDefined();
    expect({ status: done!.status, error: done!.error?.code }, text).toEqual({ status: 'completed', error: undefined });
    const dialogItems = done!.evidence.filter((item) => item.step === 'system-dialog-1');
    expect(dialogItems.map((item) => item.kind).sort()).toEqual(['screenshot', 'text', 'ui-dump']);
    const note = await readFile(join(output, dialogItems.find((item) => item.kind === 'text')!.path), 'utf8');
    expect(note).toContain('play-protect: Send app for security check?');

    const failed = outcomes.get('unhandled/on-demand');
    expect(failed, text).toBeDefined();
    expect({ status: failed!.status, error: failed!.error?.code }).toEqual({ status: 'flow-error', error: 'FLOW_STEP_FAILED' });
    expect(failed!.error?.message).toContain('Send app for security check?');
  }, 600_000);
});
