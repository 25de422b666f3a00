/**
 * Issue 15: `adb install-multiple` through the real adb (client/adb_install.cpp install_multiple_app:
 * abb_exec `package install-create`, one `install-write -S <size> <session> <name> -` per APK,
 * `install-commit`) into the virtual device, with the split fixture built by aapt --split
 * (scenarios/fixtures/product-quietguard-split): a consistent set installs and `pm path` lists base and
 * split; Android 13's refusals (PackageInstallerSession.validateApkInstallLocked) leave nothing installed.
 * Emulator console port 14020 (this helper's block 14000–14399).
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../simulator/sdk/index.ts';
import { createSimEnvironment, type SimEnvironment } from './support/index.ts';

const APKS = join(REPO_ROOT, 'scenarios/apks');
const BASE = join(APKS, 'product-quietguard-split.apk');
const SPLIT = join(APKS, 'splits/product-quietguard-split/split_config.de.apk');
const OTHER_BASE = join(APKS, 'stalkerware-thetruthspy.apk');

describe('adb install-multiple on the virtual device', () => {
  let sim: SimEnvironment;
  let serial: string;
  let dir: string;
  const adb = (args: readonly string[]) => sim.server.adb(['-s', serial, ...args], { timeoutMs: 60_000 });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-splits-'));
    sim = await createSimEnvironment();
    serial = (await sim.boot({ port: 14020 })).serial;
  }, 120_000);
  afterAll(async () => {
    await sim?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a set whose split is of another package, and installs nothing', async () => {
    const result = await adb(['install-multiple', '-r', OTHER_BASE, SPLIT]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/Failure \[INSTALL_FAILED_INVALID_APK: \/data\/app\/vmdl\d+\.tmp\/split_config\.de\.apk package org\.quietguard\.scanner inconsistent with com\.systemservice\]/);
    const packages = await adb(['shell', 'pm', 'list', 'packages']);
    expect(packages.stdout).not.toMatch(/package:com\.systemservice$/m);
    expect(packages.stdout).not.toMatch(/package:org\.quietguard\.scanner$/m);
  });

  it('refuses splits without a base and a split given twice, with Android\'s messages', async () => {
    const alone = await adb(['install-multiple', SPLIT]);
    expect(alone.stderr + alone.stdout).toContain('Failure [INSTALL_FAILED_INVALID_APK: Full install must include a base package]');
    const twice = join(dir, 'copy_of_de.apk');
    await copyFile(SPLIT, twice);
    const duplicate = await adb(['install-multiple', BASE, SPLIT, twice]);
    expect(duplicate.stderr).toContain('Failure [INSTALL_FAILED_INVALID_APK: Split config.de was defined multiple times]');
    expect((await adb(['shell', 'pm', 'path', 'org.quietguard.scanner'])).stdout).toBe('');
  });

  it('installs a consistent base + split set, which pm path then lists as Android does', async () => {
    const result = await adb(['install-multiple', '-r', BASE, SPLIT]);
    expect({ code: result.exitCode, out: result.stdout.trim() }, result.stderr).toEqual({ code: 0, out: 'Success' });
    const paths = (await adb(['shell', 'pm', 'path', 'org.quietguard.scanner'])).stdout.trim().split('\n');
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/^package:\/data\/app\/~~[\w-]+==\/org\.quietguard\.scanner-[\w-]+==\/base\.apk$/);
    expect(paths[1]).toBe(paths[0]!.replace(/base\.apk$/, 'split_config.de.apk'));
  });
});
