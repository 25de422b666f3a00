import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { makeAttempt } from './make-attempt.fixture.ts';
import { parseResultsBytes, parseResultsText } from './parse-results.ts';

const line = (overrides = {}) => JSON.stringify(makeAttempt(overrides));

describe('parseResultsText', () => {
  it('reads one attempt per line', () => {
    const text = `${line({ caseId: 'a' })}\n${line({ caseId: 'b' })}\n`;
    const parsed = parseResultsText(text, 'results.jsonl');
    expect(parsed.results.map((result) => result.caseId)).toEqual(['a', 'b']);
    expect(parsed.torn).toBeUndefined();
  });

  it('reports a torn last line without failing', () => {
    const full = line({ caseId: 'c' });
    const text = `${line({ caseId: 'a' })}\n${line({ caseId: 'b' })}\n${full.slice(0, 40)}`;
    const parsed = parseResultsText(text, 'results.jsonl');
    expect(parsed.results).toHaveLength(2);
    expect(parsed.torn).toEqual({ line: 3, bytes: 40 });
  });

  it('treats a NUL-padded tail after a crash as torn', () => {
    const parsed = parseResultsText(`${line()}\n\u0000\u0000\u0000`, 'results.jsonl');
    expect(parsed.results).toHaveLength(1);
    expect(parsed.torn?.line).toBe(2);
  });

  it('keeps a complete last record that only lost its newline', () => {
    const parsed = parseResultsText(`${line({ caseId: 'a' })}\n${line({ caseId: 'b' })}`, 'results.jsonl');
    expect(parsed.results.map((result) => result.caseId)).toEqual(['a', 'b']);
    expect(parsed.torn).toBeUndefined();
  });

  it('rejects a broken line before the last with RESULTS_CORRUPT naming file:line', () => {
    const text = `${line()}\n{"caseId": \n${line()}\n`;
    let caught: unknown;
    try {
      parseResultsText(text, 'r/results.jsonl');
    } catch (error) {
      caught = error;
    }
    expect(isHarnessError(caught, 'RESULTS_CORRUPT')).toBe(true);
    expect((caught as Error).message).toContain('r/results.jsonl:2');
  });

  it('rejects a schema violation in the middle and names the field', () => {
    const bad = JSON.stringify({ ...makeAttempt(), status: 'exploded' });
    try {
      parseResultsText(`${bad}\n${line()}\n`, 'results.jsonl');
      expect.unreachable();
    } catch (error) {
      expect(isHarnessError(error, 'RESULTS_CORRUPT')).toBe(true);
      expect((error as { details: string[] }).details.join('\n')).toContain('results.jsonl:1 status');
    }
  });

  it('rejects inconsistent outcomes (alerted without detected) and unsafe evidence paths', () => {
    const alertedOnly = JSON.stringify(makeAttempt({ detected: false, detectedBy: [] }));
    expect(() => parseResultsText(`${alertedOnly}\n`, 'x')).toThrow(/alerted requires detected/);
    const escape = JSON.stringify(makeAttempt({ evidence: [{ kind: 'screenshot', step: 's', path: 'evidence/../../etc/passwd' }] }));
    expect(() => parseResultsText(`${escape}\n`, 'x')).toThrow(/evidence/);
    const scheme = JSON.stringify(makeAttempt({ evidence: [{ kind: 'text', step: 's', path: 'javascript:alert(1)' }] }));
    expect(() => parseResultsText(`${scheme}\n`, 'x')).toThrow(/evidence/);
  });

  it('rejects an empty line in the middle', () => {
    expect(() => parseResultsText(`${line()}\n\n${line()}\n`, 'x')).toThrow(/x:2: empty line/);
  });
});

describe('parseResultsBytes (what readResults uses) gives what parseResultsText gives on the decoded text', () => {
  const nonAscii = line({ caseId: 'ü', alertText: 'Überwachung ● 监控 \u202e🙂' });
  const cases: Array<[string, string | Buffer]> = [
    ['ordinary lines', `${line({ caseId: 'a' })}\n${line({ caseId: 'b' })}\n`],
    ['non-ASCII text', `${nonAscii}\n${line()}\n`],
    ['a torn last line', `${line()}\n${nonAscii.slice(0, 60)}`],
    ['a NUL-padded tail', `${line()}\n\u0000\u0000`],
    ['a last record without its newline', `${line()}\n${nonAscii}`],
    ['an empty file', ''],
    ['a tail cut inside a UTF-8 sequence', Buffer.concat([Buffer.from(`${line()}\n`), Buffer.from(nonAscii).subarray(0, Buffer.from(nonAscii).indexOf(0xe7) + 1)])],
  ];
  it.each(cases)('%s', (_name, input) => {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
    expect(parseResultsBytes(bytes, 'results.jsonl')).toEqual(parseResultsText(bytes.toString('utf8'), 'results.jsonl'));
  });

  it('names the same file:line for a bad line', () => {
    const text = `${line()}\n${nonAscii}\n{"caseId": \n${line()}\n`;
    expect(() => parseResultsBytes(Buffer.from(text), 'r/results.jsonl')).toThrow(/r\/results\.jsonl:3: not valid JSON/);
    expect(() => parseResultsBytes(Buffer.from(`${line()}\n\n${line()}\n`), 'x')).toThrow(/x:2: empty line/);
  });
});
