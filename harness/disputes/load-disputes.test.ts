import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/index.ts';
import { DISPUTES_FILE } from './dispute-schema.ts';
import { loadDisputes } from './load-disputes.ts';

const CASES = new Set(['acme/s1/on-demand/api33/r1', 'acme/s2/on-demand/api33/r1']);

async function folderWith(text: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'sb-disputes-'));
  await writeFile(join(folder, DISPUTES_FILE), text);
  return folder;
}

async function refusal(text: string): Promise<HarnessError> {
  const error = await loadDisputes(await folderWith(text), CASES, { cwd: tmpdir() }).catch((caught: unknown) => caught);
  if (!(error instanceof HarnessError)) throw new Error(`expected a HarnessError, got ${String(error)}`);
  return error;
}

const UPHELD = `disputes:
  - case: acme/s1/on-demand/api33/r1
    claim: "detected; the screen was not read"
    by: Acme
    claimedAt: 2025-03-01
    decision: upheld
    reason: the scan screen's second page lists the sample
    decidedBy: Lab
    decidedAt: 2025-03-04T10:00:00Z
    verdict: { detected: true, alerted: false }
`;

describe('loadDisputes', () => {
  it('reads nothing from a round folder without disputes.yaml', async () => {
    expect(await loadDisputes(await mkdtemp(join(tmpdir(), 'sb-disputes-')), CASES)).toEqual([]);
  });

  it("reads an upheld claim with its verdict, and a pending one without the decision's details", async () => {
    const disputes = await loadDisputes(await folderWith(`${UPHELD}  - case: acme/s2/on-demand/api33/r1
    claim: sample does not run on this Android version
    by: Acme
    claimedAt: 2025-03-02
    decision: pending
`), CASES);
    expect(disputes.map((entry) => [entry.case, entry.decision, entry.verdict])).toEqual([
      ['acme/s1/on-demand/api33/r1', 'upheld', { detected: true, alerted: false }],
      ['acme/s2/on-demand/api33/r1', 'pending', undefined],
    ]);
  });

  it('refuses an unknown case and a case disputed twice, naming file and line', async () => {
    const error = await refusal(`${UPHELD}  - case: acme/nope/on-demand/api33/r1
    claim: x
    by: Acme
    claimedAt: 2025-03-02
    decision: pending
  - case: acme/s1/on-demand/api33/r1
    claim: again
    by: Acme
    claimedAt: 2025-03-02
    decision: pending
`);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toEqual([
      expect.stringMatching(/disputes\.yaml:11 disputes\[1\]\.case: unknown case 'acme\/nope/),
      expect.stringMatching(/disputes\.yaml:16 disputes\[2\]\.case: case 'acme\/s1\/on-demand\/api33\/r1' is disputed twice \(first at line 2\)/),
    ]);
  });

  it('refuses a missing decision, an upheld claim without verdict and a verdict on a rejected claim, each with its line', async () => {
    const error = await refusal(`disputes:
  - case: acme/s1/on-demand/api33/r1
    claim: x
    by: Acme
    claimedAt: 2025-03-01
  - case: acme/s2/on-demand/api33/r1
    claim: y
    by: Acme
    claimedAt: 2025-03-01
    decision: upheld
    reason: r
    decidedBy: Lab
    decidedAt: 2025-03-02
`);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toEqual([
      expect.stringMatching(/disputes\.yaml:2 disputes\[0\]\.decision: required field is missing/),
      expect.stringMatching(/disputes\.yaml:6 disputes\[1\]\.verdict: an upheld claim needs the decided verdict/),
    ]);
    const rejected = await refusal(UPHELD.replace('decision: upheld', 'decision: rejected'));
    expect(rejected.details).toEqual([expect.stringMatching(/disputes\.yaml:10 disputes\[0\]\.verdict: only an upheld claim changes the verdict/)]);
  });

  it('refuses a decided claim without reason, an alert without detection, a bad date and an unknown key', async () => {
    const error = await refusal(UPHELD
      .replace('    reason: the scan screen\'s second page lists the sample\n', '')
      .replace('detected: true, alerted: false', 'detected: false, alerted: true')
      .replace('claimedAt: 2025-03-01', 'claimedAt: last week')
      .replace('    by: Acme\n', '    by: Acme\n    vendr: Acme\n'));
    expect(error.code).toBe('CONFIG_INVALID');
    const text = error.details?.join('\n') ?? '';
    expect(text).toMatch(/disputes\[0\]\.reason: required field is missing/);
    expect(text).toMatch(/disputes\[0\]\.verdict\.alerted: an alert identifies the threat/);
    expect(text).toMatch(/disputes\[0\]\.claimedAt: expected a date/);
    expect(text).toMatch(/disputes\[0\]\.vendr: unknown key/);
  });
});
