import { describe, expect, it } from 'vitest';
import { decideVerdict } from './decide-verdict.ts';
import type { DetectionCriteria, VerdictInput } from './types.ts';

const criteria: DetectionCriteria = {
  categories: [],
  namePatterns: [],
  safetyAdvicePatterns: ['before (you )?remov', 'helpline|support service|safety plan'],
};

const sample = { packageName: 'com.thetruth', label: 'System Service', kind: 'stalkerware' as const };

function input(overrides: Partial<VerdictInput>): VerdictInput {
  return { sample, criteria, scanEntries: [], alerts: [], sampleInstalledAt: 1_000, ...overrides };
}

describe('decideVerdict', () => {
  it('detects by package on the results screen, without an alert', () => {
    const verdict = decideVerdict(input({
      scanEntries: [{ threatName: 'Android/Spy.TheTruthSpy', packageName: 'com.thetruth', category: 'Stalkerware', text: 'Android/Spy.TheTruthSpy com.thetruth' }],
    }));
    expect(verdict).toMatchObject({ detected: true, detectedBy: ['scan'], alerted: false, threatName: 'Android/Spy.TheTruthSpy', category: 'Stalkerware' });
    expect(verdict.timeToAlertMs).toBeUndefined();
  });

  it('detects by label when the product does not show packages', () => {
    const verdict = decideVerdict(input({ scanEntries: [{ threatName: 'Monitor', text: 'System Service — Monitor' }] }));
    expect(verdict.detected).toBe(true);
  });

  it('is a miss when entries name other apps only', () => {
    const verdict = decideVerdict(input({
      scanEntries: [{ threatName: 'Adware.Generic', packageName: 'org.example.weather', text: 'Weather Now' }],
      alerts: [{ kind: 'notification', phase: 'real-time', title: 'Scan finished', text: 'No threats found', seenAt: 2_000 }],
    }));
    expect(verdict).toMatchObject({ detected: false, detectedBy: [], alerted: false, threatName: undefined });
  });

  it('counts only the categories the round names', () => {
    const strict = { ...criteria, categories: ['Stalkerware', 'Spyware'] };
    const pua = decideVerdict(input({ criteria: strict, scanEntries: [{ threatName: 'x', packageName: 'com.thetruth', category: 'PUA', text: '' }] }));
    expect(pua.detected).toBe(false);
    const spy = decideVerdict(input({ criteria: strict, scanEntries: [{ threatName: 'x', packageName: 'com.thetruth', category: 'spyware', text: '' }] }));
    expect(spy.detected).toBe(true);
  });

  it('records a real-time alert that identifies the sample, its delay and safety advice', () => {
    const verdict = decideVerdict(input({
      alerts: [
        { kind: 'notification', phase: 'real-time', title: 'Unrelated', text: 'Battery saver on', seenAt: 1_100 },
        { kind: 'notification', phase: 'real-time', title: 'Stalkerware found', text: 'System Service can read your messages. Before you remove it, contact a helpline.', seenAt: 4_500 },
        { kind: 'dialog', phase: 'real-time', title: 'Threat', text: 'com.thetruth', seenAt: 4_700 },
      ],
    }));
    expect(verdict).toMatchObject({
      detected: true,
      detectedBy: ['real-time'],
      alerted: true,
      alertKinds: ['dialog', 'notification'],
      timeToAlertMs: 3_500,
      safetyAdvice: true,
      alertText: 'Stalkerware found — System Service can read your messages. Before you remove it, contact a helpline.',
    });
  });

  it('combines first-start alerts and scan results in a fixed order', () => {
    const verdict = decideVerdict(input({
      scanEntries: [{ threatName: 'Spy.Agent', packageName: 'com.thetruth', text: '' }],
      alerts: [{ kind: 'notification', phase: 'first-start', title: 'Threat found', text: 'Spy.Agent', seenAt: 9_000 }],
    }));
    expect(verdict.detectedBy).toEqual(['first-start', 'scan']);
    expect(verdict.alerted).toBe(true);
    expect(verdict.safetyAdvice).toBe(false);
  });

  it('uses round name patterns to attribute a generic entry', () => {
    const withPattern = { ...criteria, namePatterns: ['TheTruthSpy'] };
    expect(decideVerdict(input({ criteria: withPattern, scanEntries: [{ threatName: 'Android/TheTruthSpy.A', text: 'hidden app' }] })).detected).toBe(true);
    expect(decideVerdict(input({ scanEntries: [{ threatName: 'Android/TheTruthSpy.A', text: 'hidden app' }] })).detected).toBe(false);
  });

  it('treats a scan that did not run as no scan evidence, not as an error', () => {
    expect(decideVerdict(input({ scanEntries: undefined })).detected).toBe(false);
  });
});
