import { describe, expect, it } from 'vitest';
import { decideVerdict } from './decide-verdict.ts';
import { SYSTEM_APPS } from './known-apps.ts';
import type { DetectionCriteria, ObservedAlert, VerdictInput } from './types.ts';

const criteria: DetectionCriteria = {
  categories: [],
  namePatterns: [],
  safetyAdvicePatterns: ['before (you )?remov', 'helpline|support service|safety plan'],
};

const sample = { packageName: 'com.thetruth', label: 'System Service', kind: 'stalkerware' as const };
const product = { packageName: 'com.pulse.security', label: 'Pulse Security', role: 'product' as const };

function input(overrides: Partial<VerdictInput>): VerdictInput {
  return { sample, criteria, scanEntries: [], alerts: [], otherApps: [product, ...SYSTEM_APPS], sampleInstalledAt: 1_000, ...overrides };
}

function alert(title: string, text: string, overrides: Partial<ObservedAlert> = {}): ObservedAlert {
  return { kind: 'notification', phase: 'real-time', title, text, seenAt: 2_000, ...overrides };
}

describe('decideVerdict: identification by the strength of the evidence', () => {
  it('detects by package on the results screen, without an alert, and says so in the basis', () => {
    const verdict = decideVerdict(input({
      scanEntries: [{ threatName: 'Android/Spy.TheTruthSpy', packageName: 'com.thetruth', category: 'Stalkerware', text: 'Android/Spy.TheTruthSpy com.thetruth' }],
      scanEvidence: 'evidence/c/1/scan-entries.json',
    }));
    expect(verdict).toMatchObject({ detected: true, detectedBy: ['scan'], alerted: false, threatName: 'Android/Spy.TheTruthSpy', category: 'Stalkerware' });
    expect(verdict.basis).toEqual({
      rule: 'identified', identifiedBy: 'package', matched: 'com.thetruth', text: 'Android/Spy.TheTruthSpy com.thetruth', from: 'scan',
      evidence: 'evidence/c/1/scan-entries.json', alsoFits: [],
    });
    expect(verdict.timeToAlertMs).toBeUndefined();
  });

  it('matches a package only as a whole token, anywhere in the entry text', () => {
    const line = (text: string) => decideVerdict(input({ scanEntries: [{ threatName: text, text }] }));
    expect(line('System Service · com.thetruth').basis.identifiedBy).toBe('package');
    expect(line('Found com.thetruth.').basis.identifiedBy).toBe('package');
    expect(line('com.thetruth.helper').detected).toBe(false);
    expect(line('xcom.thetruth').detected).toBe(false);
    expect(line('com.thetruthful').detected).toBe(false);
  });

  it('a label counts only as whole words inside a result entry or threat alert', () => {
    expect(decideVerdict(input({ scanEntries: [{ threatName: 'Monitor', text: 'System Service — Monitor' }] })).basis)
      .toMatchObject({ rule: 'identified', identifiedBy: 'label', matched: 'System Service' });
    expect(decideVerdict(input({ scanEntries: [{ threatName: 'Monitor', text: 'SystemServices monitor' }] })).detected).toBe(false);
    expect(decideVerdict(input({ alerts: [alert('Threat found', 'System Service can read your messages')] })).basis.identifiedBy).toBe('label');
  });

  it('matches labels with punctuation and regex characters literally', () => {
    const wifi = { packageName: 'com.apspy.app', label: 'Wi-Fi', kind: 'stalkerware' as const };
    expect(decideVerdict(input({ sample: wifi, alerts: [alert('Threat found', 'Wi-Fi (2) can read your messages')] })).basis.identifiedBy).toBe('label');
    expect(decideVerdict(input({ sample: wifi, alerts: [alert('Threat found', 'WiXFi can read your messages')] })).detected).toBe(false);
    const odd = { packageName: 'com.odd', label: 'C++ [Helper] (v2)?', kind: 'stalkerware' as const };
    expect(decideVerdict(input({ sample: odd, alerts: [alert('Threat', 'C++ [Helper] (v2)? found')] })).detected).toBe(true);
  });

  it('reads a label from its own field and keeps the generic threat name', () => {
    const verdict = decideVerdict(input({ scanEntries: [{ threatName: 'Potentially unwanted app', appLabel: 'system service', text: 'Potentially unwanted app system service' }] }));
    expect(verdict).toMatchObject({ detected: true, threatName: 'Potentially unwanted app' });
    expect(verdict.basis).toMatchObject({ identifiedBy: 'label', matched: 'system service' });
  });

  it('a label that is also another app\'s label is ambiguous: not a detection, a person decides', () => {
    const settingsSample = { packageName: 'com.fake.settings', label: 'Settings', kind: 'stalkerware' as const };
    const verdict = decideVerdict(input({
      sample: settingsSample,
      scanEntries: [{ threatName: 'Potentially unwanted app', appLabel: 'Settings', text: 'Potentially unwanted app Settings' }],
      alerts: [alert('Potentially unwanted app found', 'Settings can read your messages')],
    }));
    expect(verdict).toMatchObject({ detected: false, detectedBy: [], alerted: false });
    expect(verdict.basis).toMatchObject({ rule: 'ambiguous', identifiedBy: 'label', matched: 'Settings' });
    expect(verdict.basis.alsoFits).toContain('com.android.settings (Settings)');
  });

  it('a label inside a longer label of another app is ambiguous, a longer sample label is not', () => {
    const short = { packageName: 'com.fake.settings', label: 'Settings', kind: 'stalkerware' as const };
    expect(decideVerdict(input({ sample: short, alerts: [alert('Threat', 'Google Play services is outdated')] })).detected).toBe(false);
    const withGoogleSettings = [...SYSTEM_APPS, { packageName: 'com.google.settings', label: 'Google Settings', role: 'system' as const }];
    expect(decideVerdict(input({ sample: short, otherApps: withGoogleSettings, alerts: [alert('Threat', 'Google Settings spies on you')] })).basis.rule).toBe('ambiguous');
    const long = { packageName: 'com.googlesettings.setting', label: 'Google Settings', kind: 'stalkerware' as const };
    expect(decideVerdict(input({ sample: long, alerts: [alert('Threat', 'Google Settings spies on you')] })).basis.rule).toBe('identified');
  });

  it('an entry that names another app\'s package points at that app, whatever its label says', () => {
    const verdict = decideVerdict(input({ scanEntries: [{ threatName: 'Adware', packageName: 'org.example.weather', text: 'System Service helper org.example.weather' }] }));
    expect(verdict.detected).toBe(false);
    expect(verdict.basis.rule).toBe('results-without-sample');
  });

  it('a threat name given to the sample in its result entry identifies it in an alert', () => {
    const verdict = decideVerdict(input({
      scanEntries: [{ threatName: 'Spy.TheTruth', packageName: 'com.thetruth', text: 'Spy.TheTruth com.thetruth' }],
      alerts: [alert('Threat found', 'Spy.TheTruth is watching you', { phase: 'first-start', seenAt: 9_000 })],
    }));
    expect(verdict.detectedBy).toEqual(['first-start', 'scan']);
    expect(verdict.alerted).toBe(true);
  });

  it('a generic threat name shared with another app\'s entry ties nothing', () => {
    const verdict = decideVerdict(input({
      scanEntries: [
        { threatName: 'Potentially unwanted app', packageName: 'com.thetruth', text: 'Potentially unwanted app com.thetruth' },
        { threatName: 'Potentially unwanted app', packageName: 'org.example.weather', text: 'Potentially unwanted app org.example.weather' },
      ],
      alerts: [alert('Potentially unwanted app', 'Tap to review')],
    }));
    expect(verdict).toMatchObject({ detected: true, detectedBy: ['scan'], alerted: false });
  });

  it('round name patterns are the weakest rule and apply to alerts too', () => {
    const withPattern = { ...criteria, namePatterns: ['TheTruthSpy'] };
    expect(decideVerdict(input({ criteria: withPattern, scanEntries: [{ threatName: 'Android/TheTruthSpy.A', text: 'hidden app' }] })).basis.identifiedBy).toBe('name-pattern');
    expect(decideVerdict(input({ scanEntries: [{ threatName: 'Android/TheTruthSpy.A', text: 'hidden app' }] })).detected).toBe(false);
    const realTime = decideVerdict(input({ criteria: withPattern, scanEntries: undefined, alerts: [alert('Threat', 'Android/TheTruthSpy.A found')] }));
    expect(realTime).toMatchObject({ detected: true, detectedBy: ['real-time'], alerted: true });
  });
});

describe('decideVerdict: criteria, alerts and noise', () => {
  it('counts only the categories the round names, in entries and in alerts', () => {
    const strict = { ...criteria, categories: ['Stalkerware', 'Spyware'] };
    const pua = decideVerdict(input({ criteria: strict, scanEntries: [{ threatName: 'x', packageName: 'com.thetruth', category: 'PUA', text: '' }] }));
    expect(pua.detected).toBe(false);
    const spy = decideVerdict(input({ criteria: strict, scanEntries: [{ threatName: 'x', packageName: 'com.thetruth', category: 'spyware', text: '' }] }));
    expect(spy.detected).toBe(true);
    const adwareAlert = decideVerdict(input({ criteria: strict, scanEntries: undefined, alerts: [alert('Adware found', 'com.thetruth shows ads')] }));
    expect(adwareAlert.detected).toBe(false);
    const spywareAlert = decideVerdict(input({ criteria: strict, scanEntries: undefined, alerts: [alert('Spyware found', 'com.thetruth reads your messages')] }));
    expect(spywareAlert).toMatchObject({ detected: true, alerted: true });
  });

  it('records a real-time alert that identifies the sample, its delay and safety advice', () => {
    const verdict = decideVerdict(input({
      scanEntries: undefined,
      alerts: [
        alert('Unrelated', 'Battery saver on', { seenAt: 1_100 }),
        alert('Stalkerware found', 'System Service can read your messages. Before you remove it, contact a helpline.', { seenAt: 4_500 }),
        alert('Threat', 'com.thetruth', { kind: 'dialog', seenAt: 4_700 }),
      ],
    }));
    expect(verdict).toMatchObject({
      detected: true, detectedBy: ['real-time'], alerted: true, alertKinds: ['dialog', 'notification'], timeToAlertMs: 3_500, safetyAdvice: true,
      alertText: 'Stalkerware found — System Service can read your messages. Before you remove it, contact a helpline.',
    });
    expect(verdict.basis).toMatchObject({ rule: 'identified', identifiedBy: 'package', from: 'real-time' });
  });

  it('the harness\'s own apps on the results screen are noise, never a detection or a false positive', () => {
    const clean = { packageName: 'org.example.notes', label: 'Pocket Notes', kind: 'clean' as const };
    const verdict = decideVerdict(input({
      sample: clean,
      scanEntries: [
        { threatName: 'Riskware.Automation', packageName: 'io.appium.settings', text: 'Riskware.Automation io.appium.settings' },
        { threatName: 'Riskware.Automation', packageName: 'io.appium.uiautomator2.server', text: 'Riskware.Automation io.appium.uiautomator2.server' },
      ],
    }));
    expect(verdict.detected).toBe(false);
    expect(verdict.harnessNoise).toEqual([
      { packageName: 'io.appium.settings', threatName: 'Riskware.Automation', from: 'scan' },
      { packageName: 'io.appium.uiautomator2.server', threatName: 'Riskware.Automation', from: 'scan' },
    ]);
    expect(verdict.basis.rule).toBe('results-without-sample');
  });

  it('says which screen decided a miss', () => {
    expect(decideVerdict(input({ scanEntries: [], scanEvidence: 'evidence/c/1/scan-entries.json' })).basis).toMatchObject({ rule: 'results-no-threats', evidence: 'evidence/c/1/scan-entries.json' });
    expect(decideVerdict(input({ scanEntries: undefined })).basis.rule).toBe('no-identifying-alert');
  });
});
