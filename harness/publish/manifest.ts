import { z } from 'zod';
import { sha256Of } from './hash-file.ts';

/** Where a publication lives inside the round folder it seals. */
export const PUBLICATION_DIR = 'publication';
export const MANIFEST_FILE = `${PUBLICATION_DIR}/manifest.json`;
export const SIGNATURE_FILE = `${PUBLICATION_DIR}/manifest.sig`;
export const RECORD_FILE = `${PUBLICATION_DIR}/record.json`;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const fingerprint = z.string().regex(/^sha256:[0-9a-f]{64}$/);

export const manifestEntrySchema = z.object({
  /** Relative to the round folder, `/`-separated. */
  path: z.string().min(1),
  sha256,
  bytes: z.int().min(0),
}).strict();

export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/**
 * The record: every file the report is rendered from (results, evidence, logs, plan, disputes),
 * i.e. every file except the rendered report and publication/. The report shows the SHA-256 of
 * its serialisation: a page cannot show the hash of a manifest that lists the page itself, but it
 * can show the hash of what it was rendered from, and the signed manifest fixes both.
 */
export const recordSchema = z.object({
  schemaVersion: z.literal(1),
  round: z.string(),
  files: z.array(manifestEntrySchema),
}).strict();

export type PublicationRecord = z.infer<typeof recordSchema>;

export const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('stalkerbench publication manifest'),
  round: z.object({ id: z.string(), title: z.string(), startedAt: z.string(), finishedAt: z.string() }).strict(),
  publishedAt: z.string(),
  harness: z.string(),
  key: z.object({ algorithm: z.literal('ed25519'), fingerprint }).strict(),
  /** plan.json of the round folder, when it has one. */
  plan: z.object({ file: z.string(), sha256 }).strict().nullable(),
  record: z.object({ file: z.literal(RECORD_FILE), sha256 }).strict(),
  /** Every file of the round folder outside publication/, in manifest order. */
  files: z.array(manifestEntrySchema),
}).strict();

export type Manifest = z.infer<typeof manifestSchema>;

export const signatureSchema = z.object({
  algorithm: z.literal('ed25519'),
  /** Fingerprint of the key that signed (lab-key.ts keyFingerprint). */
  key: fingerprint,
  /** Base64 Ed25519 signature over the exact bytes of manifest.json. */
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
}).strict();

export type ManifestSignature = z.infer<typeof signatureSchema>;

/** The bytes written and hashed: key order as built, two-space indent, final newline. */
export function serialise(value: Manifest | PublicationRecord | ManifestSignature): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The record of a manifest's files: those that are not the rendered report. */
export function buildRecord(roundId: string, files: readonly ManifestEntry[], isReportOutput: (path: string) => boolean): PublicationRecord {
  return { schemaVersion: 1, round: roundId, files: files.filter((entry) => !isReportOutput(entry.path)).map((entry) => ({ ...entry })) };
}

export function recordSha256(record: PublicationRecord): string {
  return sha256Of(serialise(record));
}
