export { remediationOutcomeSchema, REMEDIATION_FLOW_STATUSES } from './remediation-outcome.ts';
export type { RemediationOutcome } from './remediation-outcome.ts';
export { runRemediation, SETTLE_MS, UNINSTALL_DIALOG_TEXT, DEACTIVATE_AND_UNINSTALL_TEXT } from './run-remediation.ts';
export type { RemediationInput } from './run-remediation.ts';
export { parseEnabledAdmins, readSampleState } from './read-sample-state.ts';
export type { SampleState } from './read-sample-state.ts';
