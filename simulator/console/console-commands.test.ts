import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSnapshotList, runConsoleCommand, runUnauthenticatedCommand, type ConsoleTarget } from './console-commands.ts';
import { SnapshotStore } from './snapshot-store.ts';

function targetOn(snapshots: SnapshotStore, state: { value: string }): ConsoleTarget {
  return {
    avdName: 'pixel', snapshots, uptimeMs: () => 1_000, saveState: () => ({ value: state.value }),
    loadState: (saved) => { state.value = (saved as { value: string }).value; }, kill: () => undefined, faults: [],
    faultContext: undefined as never,
  };
}

describe('console commands', () => {
  it('allows only help, auth and quit before authentication', () => {
    expect(runUnauthenticatedCommand('avd name', 'tok').status).toBe("KO: unknown command, try 'help'");
    expect(runUnauthenticatedCommand('auth nope', 'tok').status).toMatch(/^KO: /);
    expect(runUnauthenticatedCommand('auth tok', 'tok')).toMatchObject({ status: 'OK', authenticated: true });
    expect(runUnauthenticatedCommand('quit', 'tok').after).toBe('quit');
  });

  it('lays out the snapshot list in the emulator columns', () => {
    const saved = new Date(2024, 0, 2, 3, 4, 5).getTime();
    expect(formatSnapshotList([{ name: 'clean', savedAt: saved, sizeBytes: 5 * 1024 * 1024, uptimeMs: 3_723_456 }])).toEqual([
      'List of snapshots present on all disks:',
      'ID        TAG                 VM SIZE                DATE       VM CLOCK',
      '--        clean                    5M 2024-01-02 03:04:05   01:02:03.456',
    ]);
  });

  it('refuses snapshot save, load and delete on a -read-only instance with the real KO, and lists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'console-ro-'));
    try {
      const state = { value: 'clean' };
      const writable = targetOn(new SnapshotStore(dir), state);
      expect((await runConsoleCommand('avd snapshot save clean', writable)).status).toBe('OK');
      const readOnly = targetOn(new SnapshotStore(dir, { readOnly: true }), state);
      state.value = 'dirty';
      expect((await runConsoleCommand('avd snapshot load clean', readOnly)).status).toBe('KO: Snapshot load is disabled because "-read-only" was specified');
      expect((await runConsoleCommand('avd snapshot save other', readOnly)).status).toBe('KO: Snapshot save is disabled because "-read-only" was specified');
      expect((await runConsoleCommand('avd snapshot delete clean', readOnly)).status).toBe('KO: Snapshot delete is disabled because "-read-only" was specified');
      expect((await runConsoleCommand('avd snapshot del clean', readOnly)).status).toBe('KO: Snapshot delete is disabled because "-read-only" was specified');
      // Refused before the name is looked at, as the real console does.
      expect((await runConsoleCommand('avd snapshot load', readOnly)).status).toMatch(/disabled because "-read-only"/);
      expect(state.value).toBe('dirty');
      const list = await runConsoleCommand('avd snapshot list', readOnly);
      expect(list.status).toBe('OK');
      expect(list.lines.slice(2).map((line) => line.split(/\s+/)[1])).toEqual(['clean']);
      expect((await runConsoleCommand('avd snapshot load clean', writable)).status).toBe('OK');
      expect(state.value).toBe('clean');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
