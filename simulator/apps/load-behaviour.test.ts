import { describe, expect, it } from 'vitest';
import { parseBehaviour } from './load-behaviour.ts';
import { matchRules } from './product/match-rules.ts';
import type { InstalledAppFacts } from './product/inspect-installed-app.ts';

const minimal = { role: 'app', app: { start: 'home', screens: { home: { widgets: [{ kind: 'TextView', text: 'Hi {appLabel}' }] } } } };

describe('parseBehaviour', () => {
  it('accepts a minimal file and fills the defaults', () => {
    const loaded = parseBehaviour(JSON.stringify(minimal));
    expect(loaded.kind).toBe('ok');
    if (loaded.kind === 'ok') expect({ launch: loaded.behaviour.launch, events: loaded.behaviour.events, timers: loaded.behaviour.timers, faults: loaded.behaviour.faults }).toEqual({ launch: [], events: {}, timers: {}, faults: {} });
  });

  it('reports every problem with its path: bad JSON, unknown keys, unknown screens, missing role sections', () => {
    expect(parseBehaviour('{ nope')).toMatchObject({ kind: 'invalid', issues: [expect.stringMatching(/^not valid JSON: /)] });
    const typo = parseBehaviour(JSON.stringify({ ...minimal, app: { ...minimal.app, screens: { home: { widgets: [{ kind: 'Button', text: 'Go', onTapp: {} }] } } } }));
    expect(typo).toMatchObject({ kind: 'invalid', issues: [expect.stringContaining('app.screens.home.widgets.0: Unrecognized key: "onTapp"')] });
    const unknown = parseBehaviour(JSON.stringify({ ...minimal, launch: [{ flag: 'x', screen: 'nowhere' }], timers: { gone: { afterMs: 1, then: [{ do: 'back' }] } } }));
    expect(unknown).toEqual({ kind: 'invalid', issues: ["launch.0.screen: unknown screen 'nowhere'", "timers.gone: unknown screen 'gone'"] });
    expect(parseBehaviour(JSON.stringify({ ...minimal, role: 'stalkerware' }))).toEqual({ kind: 'invalid', issues: ['stalkerware: stalkerware needs a "stalkerware" section'] });
    const effect = parseBehaviour(JSON.stringify({ ...minimal, events: { go: [{ do: 'teleport' }] } }));
    expect(effect.kind).toBe('invalid');
  });
});

describe('matchRules', () => {
  const app: InstalledAppFacts = {
    packageName: 'com.apspy.app', label: 'Wi-Fi', system: false, certificateSha1: ['7043598647C6DDB0D0823F8EA13F6ECA3D434904'],
    fileSha256: 'ab'.repeat(32), permissions: ['android.permission.READ_SMS', 'android.permission.RECORD_AUDIO'],
    componentKinds: ['activity', 'accessibility-service'], hiddenIcon: true, accessibilityEnabled: false, deviceAdminActive: false,
  };

  it('names the threat by the first rule whose every condition holds, and says which kind matched', () => {
    expect(matchRules([
      { label: 'By name', category: 'Stalkerware', match: { packages: ['com.systemservice'] } },
      { label: 'By cert {appLabel}', category: 'Stalkerware', match: { certificateSha1: ['70:43:59:86:47:C6:DD:B0:D0:82:3F:8E:A1:3F:6E:CA:3D:43:49:04'] } },
    ], app)).toEqual({ package: 'com.apspy.app', appLabel: 'Wi-Fi', label: 'By cert Wi-Fi', category: 'Stalkerware', rule: 'certificate' });
    expect(matchRules([{ label: 'Heur', category: 'High risk', match: { permissions: ['android.permission.READ_SMS'], components: ['accessibility-service'], hiddenIcon: true } }], app)?.rule).toBe('heuristic');
    expect(matchRules([{ label: 'Heur', category: 'High risk', match: { permissions: ['android.permission.READ_SMS'], accessibilityEnabled: true } }], app)).toBeUndefined();
    expect(matchRules([{ label: 'Hash', category: 'PUA', match: { fileSha256: ['AB'.repeat(32)] } }], app)?.rule).toBe('file-hash');
  });
});
