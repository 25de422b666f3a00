import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Writable } from 'node:stream';
import { openAppiumLog } from './appium-log.ts';

let folder: string;
afterEach(async () => { if (folder) await rm(folder, { recursive: true, force: true }); });

function write(log: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => log.write(text, (error) => (error ? reject(error) : resolve())));
}
function end(log: Writable): Promise<void> {
  return new Promise((resolve) => log.end(resolve));
}

/** The whole log as a reader gets it back: every part in index order, decompressed, then the live file. */
async function readWholeLog(): Promise<{ text: string; parts: string[]; index: Array<{ file: string; from?: string; to?: string; bytes: number }> }> {
  const parts = (await readdir(join(folder, 'appium-logs'))).sort();
  const index = (await readFile(join(folder, 'appium-logs', 'index.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  let text = '';
  for (const entry of index) text += gunzipSync(await readFile(join(folder, `${entry.file}.gz`))).toString('utf8');
  return { text, parts, index };
}

describe('openAppiumLog', () => {
  it('moves the log to numbered parts past its size, compresses every part, and keeps every byte in order', async () => {
    folder = await mkdtemp(join(tmpdir(), 'sb-appium-log-'));
    const log = await openAppiumLog(join(folder, 'appium.log'), { maxBytes: 100 });
    const lines = Array.from({ length: 30 }, (_, index) => `2026-12-06 03:00:${String(index).padStart(2, '0')}:000 [HTTP] line ${index}\n`);
    for (const line of lines) await write(log, line);
    await end(log);
    const { text, parts, index } = await readWholeLog();
    expect(text).toBe(lines.join(''));
    expect(index.length).toBeGreaterThan(5);
    expect(parts).toEqual([...index.map((entry) => `${entry.file.slice('appium-logs/'.length)}.gz`), 'index.jsonl'].sort());
    expect(await readdir(folder)).toEqual(['appium-logs']);
    for (const entry of index) {
      expect(entry.bytes).toBeLessThanOrEqual(100);
      expect(Date.parse(entry.from ?? '')).toBeLessThanOrEqual(Date.parse(entry.to ?? ''));
    }
  });

  it('recovers what a killed run left: its plain appium.log and a part whose compression did not finish', async () => {
    folder = await mkdtemp(join(tmpdir(), 'sb-appium-log-'));
    await mkdir(join(folder, 'appium-logs'));
    await writeFile(join(folder, 'appium-logs', '0001.log'), 'first run, part one\n');
    await writeFile(join(folder, 'appium-logs', '0001.log.gz.tmp'), 'half a gzip');
    await writeFile(join(folder, 'appium-logs', 'index.jsonl'), '{"file":"appium-logs/0001.log","from":"2026-12-06T03:00:00.000Z","to":"2026-12-06T03:01:00.000Z","bytes":20}\n{"file":"appium-lo');
    await writeFile(join(folder, 'appium.log'), 'first run, killed while writing\n');
    const log = await openAppiumLog(join(folder, 'appium.log'), { maxBytes: 1000 });
    await write(log, 'resumed run\n');
    await end(log);
    const files = await readdir(join(folder, 'appium-logs'));
    expect(files.sort()).toEqual(['0001.log.gz', '0002.log.gz', '0003.log.gz', 'index.jsonl']);
    const text = (await Promise.all(['0001', '0002', '0003'].map(async (n) => gunzipSync(await readFile(join(folder, 'appium-logs', `${n}.log.gz`))).toString('utf8')))).join('');
    expect(text).toBe('first run, part one\nfirst run, killed while writing\nresumed run\n');
    // The killed run's part starts where the last known part ended.
    const index = (await readFile(join(folder, 'appium-logs', 'index.jsonl'), 'utf8')).split('\n').flatMap((line) => { try { return [JSON.parse(line)]; } catch { return []; } });
    expect(index.find((entry) => entry.file === 'appium-logs/0002.log')?.from).toBe('2026-12-06T03:01:00.000Z');
  });
});
