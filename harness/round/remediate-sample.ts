/** The case protocol's remediation step (harness/remediation/run-remediation.ts), with the case's evidence. */
import type { Browser } from 'webdriverio';
import { runFlow, type FlowContext } from '../appium/flow-interpreter.ts';
import type { EvidenceRecorder } from '../evidence/index.ts';
import { runRemediation, type RemediationOutcome } from '../remediation/index.ts';
import type { CaseAttemptInput } from './case-protocol.ts';

export interface RemediateSampleInput {
  input: CaseAttemptInput;
  session: Browser;
  flowContext: FlowContext;
  recorder: EvidenceRecorder;
}

/**
 * Undefined when the sample's state could not be read afterwards (adb failed): remediation is then
 * "not tested" on this case, and the detection verdict stands.
 */
export async function remediateSample({ input, session, flowContext, recorder }: RemediateSampleInput): Promise<RemediationOutcome | undefined> {
  const flow = input.product.flows.remediate ?? [];
  return runRemediation({
    driver: session, env: input.env, serial: input.lease.serial, samplePackage: input.sample.package,
    warning: input.product.remediation?.warning, signal: input.signal,
    runFlow: async (driver) => {
      // The product in front, as the case left it (its results after a scan); brought back only when
      // it is not (a real-time case ends on the launcher): relaunching it could leave its results.
      const front = await driver.getCurrentPackage().catch(() => '');
      if (front !== input.product.package) await driver.execute('mobile: activateApp', { appId: input.product.package });
      await runFlow('remediate', flow, { ...flowContext, driver });
    },
    capture: (step) => recorder.captureScreen(step, session),
    saveState: (raw) => recorder.save('text', 'remediate-sample-state', raw),
  }).catch((error: unknown) => {
    if (input.signal.aborted) throw error;
    input.log(`case ${input.planned.caseId}: remediation not recorded: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
}
