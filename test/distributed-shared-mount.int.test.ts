/**
 * A worker given `--shared-folder` checks it before it boots anything: a path that is not the
 * coordinator's mount, or a coordinator started without a shared folder, is bad input (exit 2)
 * with the reason and what to do — never evidence written where the coordinator will not look.
 * Redis and the coordinator only (no emulator starts); ports 15600–15999 are not used.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli, startCli } from './support/distributed-hosts.ts';
import { pollFor } from './support/poll.ts';
import { startTestRedis } from './support/redis-server.ts';
import { createRoundWorkspace } from './support/round-workspace.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('worker --shared-folder', () => {
  it('refuses a folder that is not the coordinator\'s mount, and a coordinator without one', async () => {
    const redis = await startTestRedis();
    cleanups.push(() => redis.remove());
    const workspace = await createRoundWorkspace({ id: 'mount', portBase: 15_600, instances: 1, products: ['sentinel'], samples: ['mspy'], modes: ['on-demand'] });
    cleanups.push(() => workspace.remove());
    const coordinatorMount = join(workspace.home.home, 'share');
    const elsewhere = join(workspace.home.home, 'not-the-share');
    await mkdir(elsewhere);
    const worker = (folder: string) => spawnCli(['worker', '--redis', redis.url, '--round', 'mount', '--shared-folder', folder], workspace.dir, workspace.env);

    for (const withShare of [true, false]) {
      // A round folder each (the first coordinator leaves a run behind that only --resume continues).
      const output = join(workspace.dir, 'out', withShare ? 'with-share' : 'without-share');
      const coordinator = startCli('coordinator', ['serve-round', workspace.roundFile, '--redis', redis.url, '--output', output, ...(withShare ? ['--shared-folder', coordinatorMount] : [])], workspace.dir, workspace.env);
      cleanups.push(async () => { coordinator.child.kill('SIGKILL'); await coordinator.child; });
      await pollFor('the coordinator serving', () => {
        if (coordinator.child.exitCode !== null) throw new Error(`serve-round ended:\n${coordinator.output()}`);
        return coordinator.output().includes('serving round mount') ? true : undefined;
      }, { budgetMs: 60_000 });
      const refused = await worker(elsewhere);
      expect(refused.exitCode, refused.all).toBe(2);
      expect(refused.all).toMatch(withShare
        ? /--shared-folder .*not-the-share: .* is not the mark of the coordinator serving round mount/
        : /--shared-folder .*not-the-share: the coordinator of round mount was started without --shared-folder/);
      expect(refused.all).not.toMatch(/booting|emulator-\d+/);
      coordinator.child.kill('SIGINT');
      expect((await coordinator.child).exitCode, coordinator.output()).toBe(130);
    }
  }, 300_000);
});
