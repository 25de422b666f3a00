import { describe, expect, it } from 'vitest';
import { finalOutcomes, groupAttempts } from './final-outcomes.ts';
import { makeAttempt } from './make-attempt.fixture.ts';

describe('finalOutcomes', () => {
  it('picks the final attempt of each case and leaves open cases out', () => {
    const results = [
      makeAttempt({ caseId: 'a', attempt: 1, final: false, status: 'infra-error', detected: false, detectedBy: [], alerted: false, alertKinds: [], error: { code: 'DEVICE_LOST', message: 'gone' } }),
      makeAttempt({ caseId: 'b', attempt: 1, final: false, status: 'infra-error', detected: false, detectedBy: [], alerted: false, alertKinds: [], error: { code: 'ADB_TIMEOUT', message: 'slow' } }),
      makeAttempt({ caseId: 'a', attempt: 2, final: true, threatName: 'second' }),
    ];
    const finals = finalOutcomes(results);
    expect([...finals.keys()]).toEqual(['a']);
    expect(finals.get('a')?.attempt).toBe(2);
    expect(finals.get('a')?.threatName).toBe('second');
  });

  it('lets a later final line win after a resume', () => {
    const finals = finalOutcomes([makeAttempt({ caseId: 'a', threatName: 'old' }), makeAttempt({ caseId: 'a', threatName: 'new' })]);
    expect(finals.get('a')?.threatName).toBe('new');
  });

  it('groups attempts per case in attempt order', () => {
    const groups = groupAttempts([makeAttempt({ caseId: 'a', attempt: 2 }), makeAttempt({ caseId: 'a', attempt: 1, final: false })]);
    expect(groups.get('a')?.map((attempt) => attempt.attempt)).toEqual([1, 2]);
  });
});
