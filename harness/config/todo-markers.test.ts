import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isHarnessError } from '../errors/index.ts';
import { loadYamlFile } from './load-yaml-file.ts';
import { findTodoMarkers } from './todo-markers.ts';

describe('TODO markers', () => {
  it('finds every string value and key that starts with TODO, with its path, in document order', () => {
    const markers = findTodoMarkers({ vendor: 'TODO: the vendor', name: 'Not a TODO', flows: { scan: [{ tap: { text: 'TODO the scan button' } }, 'back'] }, 'TODO: a key': 1, note: 'TODOs' });
    expect(markers.map((marker) => marker.path)).toEqual([['vendor'], ['flows', 'scan', 0, 'tap', 'text'], ['TODO: a key']]);
  });

  it('a file with markers is CONFIG_INVALID naming file:line and field of each, before its schema is checked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-todo-'));
    try {
      await writeFile(join(dir, 'p.yaml'), '# TODO in a comment is fine\nid: x\nvendor: "TODO: who makes it"\nlist:\n  - ok\n  - TODO\n');
      const error = await loadYamlFile('p.yaml', z.strictObject({ id: z.number() }), 'product profile', { cwd: dir }).catch((caught: unknown) => caught);
      expect(isHarnessError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toBe('p.yaml: product profile is a scaffold with 2 TODO markers left to fill in');
      expect((error as { details: string[] }).details).toEqual(['p.yaml:3 vendor: TODO: who makes it', 'p.yaml:6 list[1]: TODO']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
