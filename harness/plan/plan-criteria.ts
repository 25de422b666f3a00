import type { DetectionCriteriaConfig } from '../config/index.ts';

/**
 * What each published word means, as methodology.md ("Outcome of one case") defines it and the
 * harness's verdict code applies it; written into every plan so that a vendor can dispute a cell
 * against the plan it was told before testing.
 */
export interface PlanCriteria {
  detected: string;
  alerted: string;
  falsePositive: string;
  remediated: string;
  notCounted: string;
  identification: string[];
  detection: DetectionCriteriaConfig;
}

export function planCriteria(detection: DetectionCriteriaConfig, remediation = false): PlanCriteria {
  const categories = detection.categories.length === 0
    ? 'any category the product gives'
    : `only entries and alerts in the categories ${detection.categories.join(', ')}`;
  return {
    detected: `The product identified the sample, from positive evidence only: a recognised results screen whose entry names the sample, or an alert the product's profile calls a threat alert that names it (${categories}). An absent or unrecognised screen is never a clean result.`,
    alerted: 'A user-visible alert that identifies the threat: a notification posted by the product, or a dialog or screen it raised. Ongoing and foreground-service notifications, and notifications present before the sample was installed, are never alerts.',
    falsePositive: 'A detection of a watchware or clean sample (the false-positive mode). Flagging the harness\'s own apps (Appium\'s server and settings apps) is harness noise, never a detection or a false positive.',
    remediated: remediation
      ? 'Measured after a detection only, never as part of it: the product\'s own removal flow (flows.remediate) is followed through Android\'s own screens, then the sample counts as remediated only when its package is gone, no process of it runs, and it is neither a device admin nor an enabled accessibility service; whether the product warned the owner before removal is recorded beside it. Products without a remediation flow show "not tested".'
      : 'Not measured in this round (the round does not set remediation: true). Removal can warn an abuser, so remediation is opt-in and kept apart from detection.',
    notCounted: 'Only completed cases count in rates. An infra-error, product-error or flow-error is never a miss; a match that also fits another app on the device needs a person\'s review and is not counted until decided.',
    identification: [
      "package: the sample's package name, exactly or as a whole token, in a result entry or an alert",
      'threat-name: a threat name the product gave this sample elsewhere in the same case',
      "label: the sample's label as whole words, only inside a result entry or a threat alert",
      "name-pattern: a threat name matched by one of the round's name patterns (weakest)",
    ],
    detection,
  };
}
