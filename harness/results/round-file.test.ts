import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { makeRound } from './make-attempt.fixture.ts';
import { parseRoundFile, readRoundFile, writeRoundFile } from './round-file.ts';

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'sb-round-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isHarnessError(error) ? error.code : 'other';
  }
  return undefined;
}

describe('round.json', () => {
  it('round-trips through writeRoundFile and readRoundFile with defaults applied', async () => {
    await writeRoundFile(folder, makeRound());
    const round = await readRoundFile(folder);
    expect(round.products[0]?.versionName).toBeNull();
    expect(round.plan.cases[0]?.caseId).toBe('c1');
  });

  it('rejects plan references to unknown products, samples and device profiles, all at once', () => {
    const round = makeRound({ plan: { cases: [{ caseId: 'c1', productId: 'nope', sampleId: 'ghost', mode: 'on-demand', repetition: 1, deviceProfile: 'api99' }] } });
    try {
      parseRoundFile(JSON.stringify(round), 'round.json');
      expect.unreachable();
    } catch (error) {
      expect(isHarnessError(error, 'REPORT_INPUT_INVALID')).toBe(true);
      const details = (error as { details: string[] }).details.join('\n');
      expect(details).toContain('plan.cases[0].productId');
      expect(details).toContain('plan.cases[0].sampleId');
      expect(details).toContain('plan.cases[0].deviceProfile');
    }
  });

  it('rejects unknown keys, bad JSON, a missing folder', async () => {
    expect(codeOf(() => parseRoundFile(JSON.stringify({ ...makeRound(), extra: 1 }), 'round.json'))).toBe('REPORT_INPUT_INVALID');
    expect(codeOf(() => parseRoundFile('{"schemaVersion": 1,', 'round.json'))).toBe('REPORT_INPUT_INVALID');
    await expect(readRoundFile(join(folder, 'missing'))).rejects.toSatisfy((error) => isHarnessError(error, 'REPORT_INPUT_INVALID'));
    await writeFile(join(folder, 'round.json'), 'not json');
    await expect(readRoundFile(folder)).rejects.toSatisfy((error) => isHarnessError(error, 'REPORT_INPUT_INVALID'));
  });
});
