/**
 * `adb root` / `adb unroot` for setup steps written `via: root`. adbd answers, restarts, and the
 * transport drops and comes back (packages/modules/adb daemon/restart_service.cpp); the adb client
 * waits for the drop, so what is left is polling until the shell answers with the wanted uid.
 */
import type { AndroidEnv } from '../android/index.ts';
import { pollUntil, runAdb, runDeviceShell } from '../android/index.ts';
import { HarnessError, isHarnessError } from '../errors/index.ts';
import { ROOT_REFUSED } from './setup-refusals.ts';

/** adbd restarts in about a second on an emulator; a loaded host or a real phone takes longer. */
const RESTART_BUDGET_MS = 60_000;

/**
 * Switches adbd to root (`true`) or back to the shell user (`false`) and waits until the device's
 * shell answers as that uid. Throws FLOW_STEP_FAILED when the image refuses root.
 */
export async function switchAdbdRoot(env: AndroidEnv, serial: string, root: boolean, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const result = await runAdb(env, serial, [root ? 'root' : 'unroot'], { signal, reject: false, timeoutMs: 30_000 });
  const answer = `${result.stdout}${result.stderr}`.trim();
  if (root && answer.includes('cannot run as root in production builds')) {
    throw new HarnessError('FLOW_STEP_FAILED', `\`adb -s ${serial} root\` answered "${answer}": ${ROOT_REFUSED}`, {
      hint: 'rewrite the step without `via: root` (the sample\'s own setup screen), or run the round on a debuggable AVD (system image tag google_apis)',
    });
  }
  const wanted = root ? '0' : '2000';
  const uid = await pollUntil(async (remaining) => {
    try {
      const id = await runDeviceShell(env, serial, ['id'], { signal, reject: false, timeoutMs: Math.min(remaining, 10_000) });
      return id.exitCode === 0 && /^uid=(\d+)/.exec(id.stdout)?.[1] === wanted ? wanted : undefined;
    } catch (error) {
      // While adbd restarts, adb says "device offline" / "device not found".
      if (isHarnessError(error, 'ADB_FAILED') || isHarnessError(error, 'ADB_TIMEOUT')) return undefined;
      throw error;
    }
  }, { timeoutMs: RESTART_BUDGET_MS, intervalMs: 200, maxIntervalMs: 1_000, signal });
  if (uid === undefined) {
    throw new HarnessError('ADB_TIMEOUT', `${serial}: after \`adb ${root ? 'root' : 'unroot'}\` (answer: "${answer}") the shell did not run as uid ${wanted} within ${RESTART_BUDGET_MS} ms (waited ${Math.round(performance.now() - started)} ms)`, {
      hint: 'check that the device came back (`adb devices`); on a physical phone `adb root` needs an eng/userdebug build',
    });
  }
}
