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
});
