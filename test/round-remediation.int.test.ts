/**
 * Issue 15 §2, remediation: a round with `remediation: true`, ShapeGuard (test/fixtures/shapes/products/)
 * against TheTruthSpy's stand-in set up as an abuser does (accessibility, notification access, device
 * admin), on-demand, fast mode. After the detection the profile's remediate flow opens the threat's
 * details and taps Remove; the product warns ("may alert the person who installed it"), then, as the
 * sample is an active device admin, Settings shows "Deactivate & uninstall", then the package
 * installer asks "Do you want to uninstall this app?":
 * - remove.yaml confirms: the sample is gone (pm path, pidof, dumpsys device_policy, accessibility
 *   setting), remediated, warned before Android's screens, both screens seen;
 * - remove-cancel.yaml cancels the uninstall dialog: the admin was already deactivated, but the package
 *   is still installed and its accessibility service enabled → not remediated; it names no warning → warned null.
 * Detection stays as it was in both (remediation never decides it).
 * Real stack: real adb, real Appium and UiAutomator2 driver, the virtual emulator.
 * Port block 11800–11999 (STALKERBENCH_PORT_BASE).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoundHome, type RoundHome } from './support/one-sample-round.ts';
import { runShapesRound } from './support/shapes-round.ts';

describe('remediation through the product and Android\'s removal screens', () => {
  let roundHome: RoundHome;
  beforeAll(async () => { roundHome = await createRoundHome(11800); });
  afterAll(async () => { await roundHome?.home.remove(); });

  it('records whether the sample is gone, and whether the product warned before removing it', async () => {
    const { text, outcomes } = await runShapesRound(roundHome, { id: 'remediation', sample: 'stalkerware', remediation: true, products: ['remove', 'remove-cancel'] });

    const removed = outcomes.get('sg-remove/thetruthspy');
    expect(removed, text).toBeDefined();
    expect({ status: removed!.status, detectedBy: removed!.detectedBy }, text).toEqual({ status: 'completed', detectedBy: ['scan'] });
    expect(removed!.remediation, text).toEqual({
      flow: 'completed', warned: true, deviceAdminScreen: true, uninstallDialog: true,
      packageInstalled: false, processRunning: false, deviceAdmin: false, accessibilityEnabled: false, remediated: true,
    });
    const steps = removed!.evidence.map((item) => item.step);
    expect(steps).toEqual(expect.arrayContaining(['remediate-warning', 'remediate-device-admin', 'remediate-uninstall-dialog', 'remediate-sample-state']));

    const kept = outcomes.get('sg-remove-cancel/thetruthspy');
    expect(kept, text).toBeDefined();
    expect({ status: kept!.status, detectedBy: kept!.detectedBy }, text).toEqual({ status: 'completed', detectedBy: ['scan'] });
    expect(kept!.remediation, text).toEqual({
      flow: 'completed', warned: null, deviceAdminScreen: true, uninstallDialog: true,
      packageInstalled: true, processRunning: expect.any(Boolean), deviceAdmin: false, accessibilityEnabled: true, remediated: false,
    });
  }, 900_000);
});
