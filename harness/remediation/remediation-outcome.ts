/**
 * The remediation outcome of a case (methodology.md, "Remediation"), as results.jsonl records it in
 * the optional `remediation` field (absent: remediation was not tested — lines written before it
 * existed, rounds without `remediation: true`, cases without a detection). Never part of the detection
 * verdict: removal can warn an abuser, so it is opt-in and recorded beside it.
 */
import { z } from 'zod';

export const REMEDIATION_FLOW_STATUSES = ['completed', 'flow-error', 'infra-error'] as const;

export const remediationOutcomeSchema = z.object({
  /** Whether the profile's remediate flow ran to its end; the state below is read either way. */
  flow: z.enum(REMEDIATION_FLOW_STATUSES),
  error: z.object({ code: z.string().min(1), message: z.string() }).strict().optional(),
  /**
   * The product's warning (`remediation.warning`) was on screen before Android's uninstall or
   * device-admin screen; null when the profile names no warning.
   */
  warned: z.boolean().nullable(),
  /** Settings' device-admin screen ("Deactivate & uninstall") was seen during the flow. */
  deviceAdminScreen: z.boolean(),
  /** The package installer's "Do you want to uninstall this app?" was seen during the flow. */
  uninstallDialog: z.boolean(),
  /** After the flow, through adb: `pm path` lists the sample. */
  packageInstalled: z.boolean(),
  /** `pidof` finds a process of the sample. */
  processRunning: z.boolean(),
  /** `dumpsys device_policy` lists one of its receivers among the enabled admins. */
  deviceAdmin: z.boolean(),
  /** `settings get secure enabled_accessibility_services` names one of its services. */
  accessibilityEnabled: z.boolean(),
  /** Gone: not installed, not running, no admin, no accessibility service. */
  remediated: z.boolean(),
}).strict().superRefine((value, context) => {
  const gone = !value.packageInstalled && !value.processRunning && !value.deviceAdmin && !value.accessibilityEnabled;
  if (value.remediated !== gone) {
    context.addIssue({ code: 'custom', path: ['remediated'], message: 'remediated is true exactly when the sample is not installed, not running, not a device admin and not an enabled accessibility service' });
  }
  if ((value.flow !== 'completed') !== (value.error !== undefined)) {
    context.addIssue({ code: 'custom', path: ['error'], message: 'a remediate flow that did not complete needs an error {code, message}, and only then' });
  }
});

export type RemediationOutcome = z.infer<typeof remediationOutcomeSchema>;
