import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/index.ts';
import { nearestValue } from './describe-issue.ts';
import { flowSchema } from './flow-schema.ts';
import { loadYamlFile } from './load-yaml-file.ts';
import { resultsSchema } from './results-schema.ts';

/** The detail lines `validate` prints for `yaml` checked against `schema`. */
async function detailsOf(schema: z.ZodType, yaml: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'describe-issue-'));
  try {
    await writeFile(join(dir, 'x.yaml'), yaml);
    const error = await loadYamlFile('x.yaml', schema, 'a test file', { cwd: dir }).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(HarnessError);
    return [...((error as HarnessError).details ?? [])];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the nearest valid argument', () => {
  it('finds typos, other spellings, names that contain an allowed one, and a shared start', () => {
    const access = ['allFiles', 'usage', 'notificationListener', 'accessibility', 'overlay', 'batteryOptimization', 'deviceAdmin', 'postNotifications'];
    expect(nearestValue('entr', ['enter', 'back', 'home', 'appSwitch', 'search'])).toBe('enter');
    expect(nearestValue('ENTER', ['enter', 'back'])).toBe('enter');
    expect(nearestValue('usage_access', access)).toBe('usage');
    expect(nearestValue('device-admin', access)).toBe('deviceAdmin');
    expect(nearestValue('notification_access', access)).toBe('notificationListener');
    expect(nearestValue('battery', access)).toBe('batteryOptimization');
    expect(nearestValue('dialgo', ['list', 'cards', 'dialog', 'details', 'notification'])).toBe('dialog');
    // Nothing near: no guess.
    expect(nearestValue('camera', access)).toBeUndefined();
    expect(nearestValue('sideways', ['up', 'down', 'left', 'right'])).toBeUndefined();
  });

  it('puts the nearest step argument, key or enum value on the line of the value, for any schema', async () => {
    const lines = await detailsOf(flowSchema, [
      '- tap: { txt: OK }',
      '- pressKey: entr',
      '- grantSpecialAccess: { access: usage_access }',
      '- swipe: upp',
      '- pressKey: { key: enter }',
      '',
    ].join('\n'));
    expect(lines).toContain("x.yaml:1 [0].tap.txt: unknown key (did you mean 'text'?)");
    expect(lines).toContainEqual(expect.stringMatching(/^x\.yaml:2 \[1\]\.pressKey: expected one of .*, got string 'entr'; did you mean 'enter'\?$/));
    expect(lines).toContainEqual(expect.stringMatching(/^x\.yaml:3 \[2\]\.grantSpecialAccess\.access: expected one of .*; did you mean 'usage'\?$/));
    expect(lines).toContainEqual(expect.stringMatching(/^x\.yaml:4 \[3\]\.swipe: expected up, down, left, right or .*; did you mean 'up'\?$/));
    // A mapping where a word belongs gets no guess (there is no written word to compare).
    expect(lines.find((line) => line.startsWith('x.yaml:5'))).not.toMatch(/did you mean/);

    const results = await detailsOf(z.strictObject({ results: resultsSchema }), 'results:\n  shape: dialgo\n  item: { id: a }\n  threatName: { id: b }\n  noThreats: { id: c }\n');
    expect(results).toContainEqual(expect.stringMatching(/^x\.yaml:2 results\.shape: expected one of .*; did you mean 'dialog'\?$/));
  });
});
