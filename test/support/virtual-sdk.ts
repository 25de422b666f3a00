import { writeVirtualSdk, type VirtualSdk } from '../../simulator/sdk/index.ts';
import type { TestHome } from './test-home.ts';

/**
 * The shared virtual SDK (`<repo>/.virtual-sdk`, refreshed atomically) with this test's own AVDs in
 * `$HOME/.android/avd`, so snapshots and AVD locks of one test file never meet another's.
 */
export async function prepareVirtualSdk(home: TestHome): Promise<VirtualSdk> {
  return await writeVirtualSdk({ avdHome: home.avdHome });
}
