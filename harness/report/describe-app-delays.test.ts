import { describe, expect, it } from 'vitest';
import { makeAttempt, makeRound } from '../results/make-attempt.fixture.ts';
import { roundFileSchema } from '../results/index.ts';
import { renderReport, reportText } from './render-report.ts';

function render(extra: { appDelayScale?: number }): Record<string, string> {
  const round = roundFileSchema.parse(makeRound(extra));
  const results = round.plan.cases.map((entry) => makeAttempt({ caseId: entry.caseId }));
  const files = renderReport({ round, results, evidence: new Map() });
  return Object.fromEntries(Object.entries(files).map(([name, content]) => [name, reportText(content)]));
}

describe('the method says when app delays were scaled', () => {
  it('names the factor in index.html and report.md when round.json records one', () => {
    const files = render({ appDelayScale: 0.1 });
    expect(files['index.html']).toMatch(/<dt>App delays<\/dt><dd id="app-delays">App delays scaled ×0\.1 on virtual devices: [^<]*watch budgets were scaled alike/);
    expect(files['report.md']).toContain('- App delays scaled ×0.1 on virtual devices');
  });

  it('says nothing at real delays', () => {
    const files = render({});
    expect(files['index.html']).not.toContain('id="app-delays"');
    expect(files['report.md']).not.toContain('App delays scaled');
  });

  it('round.json refuses a scale outside (0, 1]', () => {
    expect(roundFileSchema.safeParse(makeRound({ appDelayScale: 0 })).success).toBe(false);
    expect(roundFileSchema.safeParse(makeRound({ appDelayScale: 2 })).success).toBe(false);
  });
});
