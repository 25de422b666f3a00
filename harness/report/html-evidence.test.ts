import { describe, expect, it } from 'vitest';
import { makeAmbiguousAttempt, makeAttempt, makeBasis, makeRound } from '../results/make-attempt.fixture.ts';
import { roundFileSchema } from '../results/index.ts';
import { buildReportModel } from './build-report-model.ts';
import { renderEvidenceSection } from './html-evidence.ts';

// Three samples × four repetitions: three cells, each listed as a table of four cases.
const SAMPLES = ['s1', 's2', 's3'];
const cases = SAMPLES.flatMap((sampleId) => [1, 2, 3, 4].map((repetition) => ({
  caseId: `${sampleId}.r${repetition}`, productId: 'acme', sampleId, mode: 'on-demand' as const, repetition, deviceProfile: 'api34',
})));
const round = roundFileSchema.parse(makeRound({
  plan: { cases },
  samples: SAMPLES.map((id) => ({ id, label: `<b>${id}</b>`, package: `p.${id}`, sha256: 'c'.repeat(64), kind: 'stalkerware' as const, family: 'F', certSha1: 'D'.repeat(40) })),
}));
const results = cases.map((entry) => makeAttempt({
  caseId: entry.caseId,
  alertText: '<img src=x onerror=alert(1)>',
  ...(entry.repetition === 4 ? { detected: false, detectedBy: [], alerted: false, alertKinds: [], threatName: null, alertText: null } : {}),
}));
const model = buildReportModel({ round, results, evidence: new Map() });

describe('renderEvidenceSection', () => {
  it('lists every case of every cell while the page is within its case budget', () => {
    const page = renderEvidenceSection(model, '', 12).value;
    expect(page.match(/<details class="evidence"/g)).toHaveLength(3);
    expect(page.match(/<th scope="row">/g)).toHaveLength(12);
    expect(page).not.toContain('results.csv');
  });

  it('summarises the cells past the budget, keeping one block per cell for the matrix links', () => {
    const page = renderEvidenceSection(model, '../round/', 1).value;
    // The first cell (four cases) uses up a budget of one case; the other two keep their anchors and counts.
    expect(page.match(/<details class="evidence"/g)).toHaveLength(3);
    expect(page).toContain('id="cell-2"');
    expect(page).toContain('id="cell-3"');
    expect(page.match(/<th scope="row">/g)).toHaveLength(4);
    expect(page).toContain('the first 1 cells are shown case by case; the other 2 show their counts');
    expect(page).toContain('<p>Detected and alerted: 3 · Missed: 1</p>');
    expect(page).toContain('4 cases (s3.r1 … s3.r4): one row each in <a href="results.csv">results.csv</a>');
    expect(page).toContain('<a href="../round/evidence/">evidence/</a>');
    // Data stays escaped in summarised cells too.
    expect(page).toContain('&lt;b&gt;s3&lt;/b&gt;');
    expect(page).not.toContain('<b>s3</b>');
  });

  it('gives each row of a cell\'s case table the rule that decided it and a link to its evidence file', () => {
    const withBasis = cases.map((entry) => (entry.repetition === 2
      ? makeAmbiguousAttempt({ caseId: entry.caseId, basis: makeBasis({ rule: 'ambiguous', identifiedBy: 'label', matched: '<b>S</b>', alsoFits: ['Settings'], evidence: 'evidence/a b/1.xml' }) })
      : makeAttempt({ caseId: entry.caseId, ...(entry.repetition === 1 ? { basis: makeBasis({ evidence: 'evidence/a b/1.xml' }) } : {}) })));
    const listing = new Map([['evidence/a b/1.xml', { size: 10, inline: undefined }]]);
    const page = renderEvidenceSection(buildReportModel({ round, results: withBasis, evidence: listing }), '../round/', 12).value;
    const rows = page.split('<tr><th scope="row">').slice(1);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toContain('<td><code>identified</code> by <code>package</code>: <mark>com.android.systemupdate</mark><br><a class="basis-evidence" href="../round/evidence/a%20b/1.xml">evidence/a b/1.xml</a></td>');
    expect(rows[1]).toContain('<code>ambiguous</code> by <code>label</code>: <mark>&lt;b&gt;S&lt;/b&gt;</mark><br><small>also fits Settings</small>');
    expect(rows[2]).toContain('<td>rule not recorded</td>');
  });

  it('links a case to its page only when it has evidence to show: a file that exists, or the round\'s Appium log', () => {
    const withFiles = cases.map((entry) => makeAttempt({ caseId: entry.caseId, evidence: entry.caseId === 's1.r1' ? [{ kind: 'ui-dump', step: 'scan', path: 'evidence/s1/1.xml' }] : [] }));
    const listing = new Map([['evidence/s1/1.xml', { size: 10, inline: undefined }]]);
    const page = renderEvidenceSection(buildReportModel({ round, results: withFiles, evidence: listing }), '', 12).value;
    expect(page.match(/<a class="case-page"/g)).toHaveLength(1);
    expect(page).toContain('<a class="case-page" href="cases/s1.r1.html">Case page: 1 text dump</a>');
    const withLog = buildReportModel({ round, results: withFiles, evidence: listing, appiumLog: [{ path: 'appium.log', from: undefined, to: undefined, bytes: 1 }] });
    expect(renderEvidenceSection(withLog, '', 12).value.match(/<a class="case-page"/g)).toHaveLength(12);
  });
});
