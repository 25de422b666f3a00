import { describe, expect, it } from 'vitest';
import { ProcessTable } from './process-table.ts';

describe('ProcessTable', () => {
  it('boots init as pid 1 and the app processes as children of zygote64', () => {
    const table = new ProcessTable(() => 0);
    table.boot();
    expect(table.byPid(1)?.name).toBe('init');
    const zygote = table.list().find((entry) => entry.name === 'zygote64');
    expect(table.list().find((entry) => entry.name === 'system_server')?.ppid).toBe(zygote?.pid);
  });

  it('wraps pids below 32768 and never reuses a live one', () => {
    const table = new ProcessTable(() => 0);
    table.boot();
    const app = table.ensureAppProcess('org.example.app', 10_150).entry;
    const seen = new Set<number>();
    for (let i = 0; i < 40_000; i++) {
      const entry = table.spawnTransient('sh', 2000, 1);
      expect(entry.pid).toBeLessThan(32_768);
      expect(entry.pid).not.toBe(app.pid);
      seen.add(entry.pid);
      table.exit(entry.pid);
    }
    expect(seen.size).toBeGreaterThan(30_000);
    expect(table.ensureAppProcess('org.example.app', 10_150)).toMatchObject({ started: false, entry: { pid: app.pid } });
  });

  it('killPackage removes the package processes and services and reports their pids', () => {
    const table = new ProcessTable(() => 0);
    table.boot();
    const { entry } = table.ensureAppProcess('org.example.app', 10_150);
    table.startService({ packageName: 'org.example.app', className: 'org.example.app.Sync', isForeground: true, foregroundId: 1, pid: entry.pid });
    expect(table.killPackage('org.example.app')).toEqual([entry.pid]);
    expect(table.services()).toHaveLength(0);
    expect(table.byPackage('org.example.app')).toBeUndefined();
  });
});
