import { existsSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { describeMatches } from './classify-sample.ts';
import { escapeText } from './escape-text.ts';
import { inferSetup } from './infer-setup.ts';
import type { KnownSample } from './scan-folder.ts';

export type EntryOutcome = 'added' | 'changed' | 'unchanged';

export interface CatalogueEntryResult {
  id: string;
  family: string;
  kind: string;
  relative: string;
  sha256: string;
  outcome: EntryOutcome;
  /** For `changed`: what changed, e.g. `family Foo → Bar`. */
  changes: string[];
}

export interface MergeInput {
  /** The existing catalogue's text (already validated), or undefined for a new catalogue. */
  existingText: string | undefined;
  /** Absolute path of the catalogue file. */
  catalogueFile: string;
  /** Absolute path of the intake folder. */
  folder: string;
  known: readonly KnownSample[];
  /** Title of a new catalogue. */
  title: string;
}

export interface MergeResult {
  text: string;
  entries: CatalogueEntryResult[];
  /** Entries of the existing catalogue whose file was not in the folder: left as they were. */
  keptOutsideFolder: number;
  sampleCount: number;
}

const HEADER = [
  ' Sample catalogue written by `stalkerbench ingest` (scenarios/README.md describes every field).',
  ' Identity (file, sha256, package) comes from each APK; family and kind from the indicators, named',
  ' in each entry\'s notes with the way they matched (hash, certificate, package). The setup steps are',
  ' inferred from the manifest: a person reviews every entry whose notes say REVIEW before a round',
  ' uses it. Running ingest again keeps hand edits (id, label, setup, notes) of existing entries.',
].join('\n');

/** `TheTruthSpy` → `thetruthspy`; never empty, always a valid start of a catalogue id. */
function slug(text: string): string {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'sample' : cleaned.slice(0, 40).replace(/-+$/, '');
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function notesFor(sample: KnownSample, review: readonly string[]): string {
  const { identity } = sample;
  const version = `${identity.versionName ?? '?'} (${identity.versionCode})`;
  const signer = identity.signing.certificates[0]?.sha1 ?? 'none';
  const lines = [`Ingested: ${sample.family} (${sample.kind}) by ${describeMatches(sample.matches, sample.family)}; version ${version}; signer SHA-1 ${signer}.`];
  // One line per point, so the YAML shows a readable block a person can edit or delete line by line.
  for (const point of review) lines.push(`REVIEW: ${point}.`);
  return lines.join('\n');
}

function newEntryNode(document: Document, sample: KnownSample, id: string, file: string): YAMLMap {
  const setup = inferSetup(sample.identity);
  const label = sample.identity.label;
  const entry: Record<string, unknown> = {
    id, file, sha256: sample.identity.sha256, package: sample.identity.packageName, kind: sample.kind, family: sample.family,
    ...(label !== undefined && label.trim() !== '' ? { label } : {}),
    setup: setup.steps.map((inferred) => inferred.step),
    notes: notesFor(sample, [...sample.review, ...setup.review]),
  };
  const node = document.createNode(entry) as YAMLMap;
  node.commentBefore = ` ${escapeText(sample.relative)}: ${escapeText(sample.family)} by ${escapeText(describeMatches(sample.matches, sample.family))}`;
  const steps = node.get('setup', true) as YAMLSeq | undefined;
  steps?.items.forEach((item, index) => {
    const comment = setup.steps[index]?.comment;
    if (comment !== undefined && item !== null && typeof item === 'object') (item as { commentBefore?: string }).commentBefore = ` ${escapeText(comment)}`;
  });
  return node;
}

function stringAt(map: YAMLMap, key: string): string | undefined {
  const value = map.get(key);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Merges what a folder holds into a catalogue, keyed by SHA-256. An existing entry keeps what a
 * person wrote (id, label, setup, notes, comments); only facts of the file and the indicators are
 * brought up to date, each reported: `file` when the old path no longer exists, `package`,
 * `family` and `kind` when they differ. New samples are appended, with ids from their family and
 * hash. Entries whose file is not in the folder are left alone.
 */
export function mergeCatalogue(input: MergeInput): MergeResult {
  const document = input.existingText === undefined ? new Document({ title: input.title, samples: [] }) : parseDocument(input.existingText);
  if (input.existingText === undefined) document.commentBefore = HEADER;
  const samples = document.get('samples', true);
  if (!isSeq(samples)) throw new Error('the catalogue has no samples list (it was validated before merging)');
  const catalogueDir = path.dirname(input.catalogueFile);
  const bySha = new Map<string, YAMLMap>();
  const ids = new Set<string>();
  for (const item of samples.items) {
    if (!isMap(item)) continue;
    const sha = stringAt(item, 'sha256')?.toLowerCase();
    if (sha !== undefined) bySha.set(sha, item);
    const id = stringAt(item, 'id');
    if (id !== undefined) ids.add(id);
  }
  const entries: CatalogueEntryResult[] = [];
  const touched = new Set<YAMLMap>();
  for (const sample of input.known) {
    const file = toPosix(path.relative(catalogueDir, path.join(input.folder, sample.relative)));
    const existing = bySha.get(sample.identity.sha256);
    const base = { family: sample.family, kind: sample.kind, relative: sample.relative, sha256: sample.identity.sha256 };
    if (existing !== undefined) {
      touched.add(existing);
      const changes = updateEntry(existing, sample, file, catalogueDir);
      entries.push({ ...base, id: stringAt(existing, 'id') ?? '', outcome: changes.length > 0 ? 'changed' : 'unchanged', changes });
      continue;
    }
    let id = `${slug(sample.family)}-${sample.identity.sha256.slice(0, 8)}`;
    for (let length = 12; ids.has(id); length += 4) id = `${slug(sample.family)}-${sample.identity.sha256.slice(0, length)}`;
    ids.add(id);
    samples.items.push(newEntryNode(document, sample, id, file));
    entries.push({ ...base, id, outcome: 'added', changes: [] });
  }
  const keptOutsideFolder = samples.items.filter((item) => isMap(item) && !touched.has(item)).length - entries.filter((entry) => entry.outcome === 'added').length;
  return { text: document.toString({ lineWidth: 0 }), entries, keptOutsideFolder, sampleCount: samples.items.length };
}

/** Brings an existing entry's file facts up to date; returns what changed. */
function updateEntry(entry: YAMLMap, sample: KnownSample, file: string, catalogueDir: string): string[] {
  const changes: string[] = [];
  const set = (key: string, value: string, keep: (old: string | undefined) => boolean): void => {
    const old = stringAt(entry, key);
    if (keep(old)) return;
    entry.set(key, value);
    changes.push(`${key} ${old === undefined ? '(none)' : escapeText(old)} → ${escapeText(value)}`);
  };
  // The old path wins while it still names a file: a person may keep samples elsewhere on purpose.
  set('file', file, (old) => old === file || (old !== undefined && existsSync(path.resolve(catalogueDir, old))));
  set('package', sample.identity.packageName, (old) => old === sample.identity.packageName);
  set('family', sample.family, (old) => old === sample.family);
  set('kind', sample.kind, (old) => old === sample.kind);
  return changes;
}
