import { describe, expect, it } from 'vitest';
import { formatSnapshotList, runUnauthenticatedCommand } from './console-commands.ts';

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
});
