import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../../harness/errors/index.ts';
import { SnapshotStore } from '../console/snapshot-store.ts';
import { APPIUM_APK, bootDevice, installVia, PROFILE_API33, readApk } from '../shell/testing/run-shell.ts';
import { createVirtualDevice } from './create-virtual-device.ts';
import type { DeviceStateJson } from './device-state.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function deviceWithSettingsApk() {
  const { device, sh } = await bootDevice();
  const apk = readApk(APPIUM_APK.settings);
  await installVia(sh, apk);
  const path = (await sh('pm path io.appium.settings')).stdout.slice(8).trim();
  return { device, apk, path };
}

function freshDevice() {
  return createVirtualDevice({ profile: PROFILE_API33, serial: 'emulator-5556', bootDelayMs: 0 });
}

describe('device state blobs', () => {
  it('round-trip as bytes through the snapshot store: a binary blob file, a Buffer back', async () => {
    const { device, apk, path } = await deviceWithSettingsApk();
    const state = device.saveState();
    expect(Object.values(state.blobs).every((data) => Buffer.isBuffer(data))).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'sb-blobs-'));
    dirs.push(dir);
    await new SnapshotStore(dir).save('clean', state, 0);
    const files = await readdir(join(dir, 'snapshots', 'clean', 'blobs'));
    const stored = await Promise.all(files.map((file) => readFile(join(dir, 'snapshots', 'clean', 'blobs', file))));
    expect(stored.some((bytes) => bytes.equals(apk))).toBe(true);
    expect(await readFile(join(dir, 'snapshots', 'clean', 'state.json'), 'utf8')).not.toContain(apk.subarray(0, 4096).toString('base64'));

    const loaded = (await new SnapshotStore(dir).load('clean')) as DeviceStateJson;
    expect(Object.values(loaded.blobs).every((data) => Buffer.isBuffer(data))).toBe(true);
    const fresh = freshDevice();
    fresh.loadState(loaded);
    expect(fresh.fs.read(path)?.equals(apk)).toBe(true);
    await fresh.shutdown();
  });

  it('a snapshot saved with base64 blobs (the older encoding, same format name) still loads', async () => {
    const { device, apk, path } = await deviceWithSettingsApk();
    const state = device.saveState();
    const old = JSON.parse(JSON.stringify({ ...state, blobs: Object.fromEntries(Object.entries(state.blobs).map(([sha, data]) => [sha, Buffer.from(data).toString('base64')])) })) as unknown;
    const fresh = freshDevice();
    fresh.loadState(old);
    expect(fresh.fs.read(path)?.equals(apk)).toBe(true);
    await fresh.shutdown();
  });

  it('refuses blobs that are neither bytes nor base64 (a Buffer that went through JSON) with SNAPSHOT_FAILED', async () => {
    const { device } = await deviceWithSettingsApk();
    const mangled = JSON.parse(JSON.stringify(device.saveState())) as unknown;
    let caught: unknown;
    try {
      freshDevice().loadState(mangled);
    } catch (error) {
      caught = error;
    }
    expect(isHarnessError(caught, 'SNAPSHOT_FAILED')).toBe(true);
  });
});
