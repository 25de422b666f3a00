/**
 * A checkout that was moved or copied keeps Appium's extension manifest
 * (`node_modules/.cache/appium/extensions.yaml`), which names the driver by its absolute install
 * path. The harness must still open sessions from such a checkout. This test builds one: a copy of
 * `harness/` with a node_modules of links to the repository's packages and a manifest whose
 * driver path points at a folder that is gone (with Appium's package hash current, so Appium
 * itself does not rescan), then starts Appium through the copy's own code and opens a real
 * session on the virtual emulator. The repository's own manifest is never read or written here.
 * Ports: allocated at random by test/support/ports.ts (no round, so no portBase block).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remote } from 'webdriverio';
import { isAppiumReady } from '../harness/appium/index.ts';
import type * as AppiumServerModule from '../harness/appium/appium-server.ts';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { allocatePort, createSimEnvironment, pollFor, waitForDevice, type SimEnvironment } from './support/index.ts';

const FLAGS = ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'];
const MANIFEST = join('node_modules', '.cache', 'appium', 'extensions.yaml');
const HASH = join('node_modules', '.cache', 'appium', 'package.hash');

let sim: SimEnvironment;
let copy: string;

/** A copy of the checkout's harness whose node_modules links every package of the repository's. */
async function copyCheckout(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sb-moved-checkout-'));
  await cp(join(REPO_ROOT, 'harness'), join(dir, 'harness'), { recursive: true });
  await cp(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  await mkdir(join(dir, 'node_modules'));
  for (const entry of await readdir(join(REPO_ROOT, 'node_modules'))) {
    // The cache is the one part of node_modules that belongs to a checkout, not to the packages.
    if (entry !== '.cache') await symlink(join(REPO_ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  return dir;
}

/** Runs Appium in the copy as the harness used to (APPIUM_HOME = the checkout) until it answers. */
async function runOldStyleAppium(dir: string): Promise<void> {
  const port = await allocatePort();
  const appium = execa(process.execPath, [join(dir, 'node_modules', 'appium', 'index.js'), 'server', '--address', '127.0.0.1', '--port', String(port)], {
    cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: sim.home.home, APPIUM_HOME: dir }, extendEnv: false, reject: false, stdin: 'ignore',
  });
  try {
    await pollFor('Appium (APPIUM_HOME = the copy) to answer', async () => ((await isAppiumReady(`http://127.0.0.1:${port}`)) ? true : undefined), { budgetMs: 60_000 });
  } finally {
    appium.kill('SIGTERM');
    await appium;
  }
}

/**
 * Leaves the copy as two rounds in the old place did: the first writes the manifest, the second
 * the package hash. Then points the driver at where the checkout used to be.
 */
async function leaveStaleManifest(dir: string): Promise<string> {
  await runOldStyleAppium(dir);
  await runOldStyleAppium(dir);
  // With the hash current, Appium does not rescan node_modules: the manifest is taken as it is.
  expect(await readFile(join(dir, HASH), 'utf8')).not.toBe('');
  const manifest = join(dir, MANIFEST);
  const text = await readFile(manifest, 'utf8');
  const gone = join(tmpdir(), 'sb-checkout-moved-away', 'node_modules', 'appium-uiautomator2-driver');
  const stale = text.replace(/^(\s*installPath:).*$/m, `$1 ${gone}`);
  expect(stale).toContain(gone);
  await writeFile(manifest, stale);
  return stale;
}

beforeAll(async () => {
  sim = await createSimEnvironment();
  copy = await copyCheckout();
});

afterAll(async () => {
  await sim?.dispose();
  if (copy !== undefined) await rm(copy, { recursive: true, force: true });
});

describe('Appium from a moved checkout', () => {
  it('opens a session although the checkout\'s extension manifest names a driver folder that is gone', async () => {
    const stale = await leaveStaleManifest(copy);
    const emulator = await sim.launch({ flags: FLAGS });
    await waitForDevice(sim.server, emulator.serial, 90_000);
    const { startAppium } = (await import(join(copy, 'harness', 'appium', 'appium-server.ts'))) as typeof AppiumServerModule;
    const logFile = join(sim.home.tmp, 'appium.log');
    const server = await startAppium({
      port: await allocatePort(), logFile, startTimeoutMs: 60_000,
      env: { ...sim.env, HOME: sim.home.home, TMPDIR: sim.home.tmp, ANDROID_SDK_ROOT: sim.sdk.androidHome },
    });
    try {
      const driver = await remote({
        hostname: '127.0.0.1', port: server.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
        capabilities: {
          platformName: 'Android',
          'appium:automationName': 'UiAutomator2',
          'appium:udid': emulator.serial,
          'appium:systemPort': await allocatePort(),
          'appium:adbPort': sim.server.port,
        },
      }).catch(async (error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\nappium log tail:\n${(await readFile(logFile, 'utf8')).slice(-3_000)}`);
      });
      try {
        expect(await driver.getPageSource()).toContain('<hierarchy');
      } finally {
        await driver.deleteSession();
      }
    } finally {
      await server.stop();
    }
    // The checkout's own manifest was neither used nor rewritten.
    expect(await readFile(join(copy, MANIFEST), 'utf8')).toBe(stale);
  }, 240_000);
});
