import { describe, expect, it } from 'vitest';
import { configErrorMap } from './describe-issue.ts';
import { flowSchema } from './flow-schema.ts';

function issuesOf(input: unknown): string[] {
  const result = flowSchema.safeParse(input, { error: configErrorMap });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('UI flow steps', () => {
  it('normalises each step to its action, arguments and timeout', () => {
    const flow = flowSchema.parse([
      { tap: { id: 'com.x:id/scan' } },
      { waitFor: { text: 'Scan complete' }, timeoutMs: 60_000 },
      'back',
      { home: null },
      'acceptPermissionDialogs',
      { type: { into: { id: 'com.x:id/key' }, text: 'DEMO-1' } },
      { shell: ['pm', 'grant', 'com.x', 'android.permission.READ_SMS'] },
      { readText: { from: { desc: 'version' }, as: 'databaseVersion' } },
      { capture: 'after-scan' },
    ]);
    expect(flow).toEqual([
      { action: 'tap', args: { id: 'com.x:id/scan' } },
      { action: 'waitFor', args: { text: 'Scan complete' }, timeoutMs: 60_000 },
      { action: 'back', args: true },
      { action: 'home', args: true },
      { action: 'acceptPermissionDialogs', args: { max: 10 } },
      { action: 'type', args: { into: { id: 'com.x:id/key' }, text: 'DEMO-1' } },
      { action: 'shell', args: ['pm', 'grant', 'com.x', 'android.permission.READ_SMS'] },
      { action: 'readText', args: { from: { desc: 'version' }, as: 'databaseVersion' } },
      { action: 'capture', args: 'after-scan' },
    ]);
  });

  it('says what a step or selector should look like', () => {
    expect(issuesOf([{ tap: 'Scan' }])).toEqual([
      '0.tap: expected a selector: a mapping with exactly one of id, idMatches, text, textContains, textMatches, desc, descContains, descMatches, xpath, uiautomator',
    ]);
    expect(issuesOf([{ tap: { id: 'com.x:id/a', text: 'A' } }])).toEqual([
      expect.stringMatching(/^0\.tap: a selector uses exactly one strategy, found id and text/),
    ]);
    expect(issuesOf([{ tap: { id: 'scan' } }])[0]).toMatch(/^0\.tap\.id: expected a fully qualified resource id/);
    expect(issuesOf([{ tap: { id: 'com.x:id/a' }, waitFor: { text: 'B' } }])[0]).toMatch(/found tap and waitFor/);
    expect(issuesOf(['scan'])[0]).toMatch(/^0: expected a step/);
    expect(issuesOf([{ tpa: { id: 'com.x:id/a' } }])).toEqual(expect.arrayContaining([expect.stringMatching(/^0: /)]));
  });

  it('refuses shell lines and non-string arguments', () => {
    expect(issuesOf([{ shell: 'pm grant com.x android.permission.READ_SMS' }])[0]).toMatch(/^0\.shell: expected a list/);
    expect(issuesOf([{ shell: ['settings', 'put', 'global', 'x', 0] }])).toEqual([
      '0.shell.4: each shell argument must be a plain string; quote numbers and flags (e.g. "0")',
    ]);
    expect(issuesOf([{ shell: [] }])[0]).toMatch(/at least 1/);
  });

  it('parses the control-flow steps with their nested lists and sibling keys', () => {
    const flow = flowSchema.parse([
      { if: { visible: { text: 'Sign in' }, timeoutMs: 1500 }, then: [{ tap: { text: 'Skip' } }], else: ['back'] },
      { waitForFirst: { signIn: { text: 'Sign in' }, home: { desc: 'Home' } }, timeoutMs: 20_000, cases: { signIn: [{ tap: { text: 'Skip' } }] } },
      { repeat: { while: { visible: { text: 'Next' } }, times: 5, steps: [{ tap: { text: 'Next' } }] } },
      { run: { flow: 'signIn', params: { user: '${env:LAB_USER}' } } },
      { assertNotVisible: { textContains: 'Licence expired' }, reason: 'licence expired' },
      { swipe: 'left' },
      { swipe: { from: [50, 80], to: [50, 20] } },
      { pressKey: 'appSwitch' },
      { launchApp: { package: 'com.x.app', activity: '.Main' } },
      { openLink: 'sentinel://scan' },
      { wait: { ms: 500 } },
    ]);
    expect(flow[0]).toEqual({ action: 'if', args: { visible: { text: 'Sign in' }, timeoutMs: 1500 }, then: [{ action: 'tap', args: { text: 'Skip' } }], else: [{ action: 'back', args: true }] });
    expect(flow[1]).toMatchObject({ action: 'waitForFirst', timeoutMs: 20_000, cases: { signIn: [{ action: 'tap' }] } });
    expect(flow[2]).toMatchObject({ action: 'repeat', args: { times: 5, steps: [{ action: 'tap', args: { text: 'Next' } }] } });
    expect(flow[3]).toEqual({ action: 'run', args: { flow: 'signIn', params: { user: '${env:LAB_USER}' } } });
    expect(flow[4]).toEqual({ action: 'assertNotVisible', args: { textContains: 'Licence expired' }, reason: 'licence expired' });
  });

  it('explains control-flow mistakes at their path', () => {
    expect(issuesOf([{ tap: { text: 'A' }, then: ['back'] }])).toEqual(['0.then: then belongs to if steps, not to tap']);
    expect(issuesOf([{ if: { visible: { text: 'A' } }, then: [{ tpa: { text: 'B' } }] }])[0]).toMatch(/^0\.then\.0: tap, tapIfPresent, /);
    expect(issuesOf([{ if: { visible: { text: 'A' }, notVisible: { text: 'B' } } }])[0]).toMatch(/either visible or notVisible/);
    expect(issuesOf([{ repeat: { while: { visible: { text: 'Next' } }, steps: ['back'] } }])[0]).toMatch(/^0\.repeat\.times: required/);
    expect(issuesOf([{ waitForFirst: { only: { text: 'A' } } }])[0]).toMatch(/at least two screens/);
    expect(issuesOf([{ pressKey: 'menu' }])[0]).toMatch(/^0\.pressKey: expected one of "enter"/);
    expect(issuesOf(['bakc'])[0]).toMatch(/^0: expected a step: .*; did you mean 'back'\?$/);
  });
});
