import { verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { HarnessError } from '../errors/index.ts';
import { showName } from './escape-name.ts';
import { hashFile, sha256Of } from './hash-file.ts';
import { keyFingerprint } from './lab-key.ts';
import { compareManifestPaths, listFolderFiles } from './list-round-files.ts';
import {
  MANIFEST_FILE, manifestSchema, RECORD_FILE, recordSchema, SIGNATURE_FILE, signatureSchema,
  type Manifest, type ManifestEntry,
} from './manifest.ts';

export interface FileChange {
  path: string;
  /** What differs, in words: `SHA-256 … → …, 120 → 121 bytes`, `now a symbolic link`. */
  detail: string;
}

export interface VerifyOutcome {
  manifest: Manifest;
  manifestSha256: string;
  changed: FileChange[];
  added: FileChange[];
  removed: FileChange[];
}

/** Files of publication/ that verify reads itself rather than finding them in the manifest. */
const SEAL_FILES = new Set([MANIFEST_FILE, SIGNATURE_FILE, RECORD_FILE]);

/**
 * Checks a published folder against its signed manifest. The signature is checked first, over
 * the manifest's exact bytes, with the key the reader brings: a manifest that is not the signed
 * one, or signed by another key, is PUBLICATION_INVALID (nothing it lists can be trusted). Then
 * every file is hashed again and each one changed, added or removed is listed.
 */
export async function verifyPublication(folder: string, publicKey: KeyObject): Promise<VerifyOutcome> {
  const manifestBytes = await readSealFile(folder, MANIFEST_FILE);
  const signature = parseJson(await readSealFile(folder, SIGNATURE_FILE), SIGNATURE_FILE, signatureSchema);
  const given = keyFingerprint(publicKey);
  if (signature.key !== given) {
    throw new HarnessError('PUBLICATION_INVALID', `${SIGNATURE_FILE} was made with key ${signature.key}, not with the key given (${given})`, {
      hint: 'pass the public key of the lab that published this folder; if it is the right key, the signature file was replaced',
    });
  }
  if (!verify(null, manifestBytes, publicKey, Buffer.from(signature.signature, 'base64'))) {
    throw new HarnessError('PUBLICATION_INVALID', `${MANIFEST_FILE} is not the manifest that was signed: its signature does not verify with key ${given}`, {
      hint: 'the manifest (or its signature) was changed after publication: nothing in this folder can be trusted; get the publication again from the lab',
    });
  }
  const manifest = parseJson(manifestBytes, MANIFEST_FILE, manifestSchema);
  if (manifest.key.fingerprint !== given) {
    throw new HarnessError('PUBLICATION_INVALID', `${MANIFEST_FILE} names key ${manifest.key.fingerprint}, yet its signature verifies with ${given}`, { hint: 'a manifest signed by one key on behalf of another: do not trust it' });
  }
  const changed: FileChange[] = [];
  const added: FileChange[] = [];
  const removed: FileChange[] = [];
  await checkRecord(folder, manifest, changed);
  const listing = await listFolderFiles(folder);
  const present = new Set(listing.files);
  const odd = new Map(listing.odd.map((entry) => [entry.path, entry.what]));
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const oddKind = odd.get(entry.path);
    if (oddKind !== undefined) changed.push({ path: entry.path, detail: `now a ${oddKind}` });
    else if (!present.has(entry.path)) removed.push({ path: entry.path, detail: `${entry.bytes} bytes, SHA-256 ${entry.sha256}` });
    else {
      const now = await hashFile(join(folder, entry.path));
      if (now.sha256 !== entry.sha256 || now.bytes !== entry.bytes) changed.push({ path: entry.path, detail: describeChange(entry, now) });
    }
  }
  for (const path of listing.files) {
    if (!listed.has(path) && !SEAL_FILES.has(path)) added.push({ path, detail: `${(await hashFile(join(folder, path))).bytes} bytes` });
  }
  for (const [path, what] of odd) if (!listed.has(path)) added.push({ path, detail: what });
  const byPath = (a: FileChange, b: FileChange) => compareManifestPaths(a.path, b.path);
  return { manifest, manifestSha256: sha256Of(manifestBytes), changed: changed.sort(byPath), added: added.sort(byPath), removed: removed.sort(byPath) };
}

/** record.json must be the one the manifest names, and agree with the manifest on every file. */
async function checkRecord(folder: string, manifest: Manifest, changed: FileChange[]): Promise<void> {
  const bytes = await readFile(join(folder, RECORD_FILE)).catch(() => undefined);
  if (bytes === undefined || sha256Of(bytes) !== manifest.record.sha256) {
    changed.push({ path: RECORD_FILE, detail: bytes === undefined ? 'missing' : `SHA-256 ${manifest.record.sha256} → ${sha256Of(bytes)}` });
    return;
  }
  const record = parseJson(bytes, RECORD_FILE, recordSchema);
  const signed = new Map(manifest.files.map((entry) => [entry.path, entry]));
  for (const entry of record.files) {
    const match = signed.get(entry.path);
    if (match?.sha256 !== entry.sha256 || match.bytes !== entry.bytes) {
      throw new HarnessError('PUBLICATION_INVALID', `${RECORD_FILE} lists ${showName(entry.path)} with another hash than the signed manifest`, { hint: 'the publication was not made by `stalkerbench publish`: do not trust it' });
    }
  }
}

function describeChange(before: ManifestEntry, now: { sha256: string; bytes: number }): string {
  const size = before.bytes === now.bytes ? `${now.bytes} bytes` : `${before.bytes} → ${now.bytes} bytes`;
  return `SHA-256 ${before.sha256.slice(0, 16)}… → ${now.sha256.slice(0, 16)}…, ${size}`;
}

async function readSealFile(folder: string, path: string): Promise<Buffer> {
  try {
    return await readFile(join(folder, path));
  } catch (error) {
    throw new HarnessError('PUBLICATION_INVALID', `${showName(folder)} has no ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      hint: 'pass a round folder sealed with `stalkerbench publish`',
    });
  }
}

function parseJson<T>(bytes: Buffer, path: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new HarnessError('PUBLICATION_INVALID', `${path} is not JSON`, { cause: error, hint: 'the publication is damaged: get it again from the lab' });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HarnessError('PUBLICATION_INVALID', `${path} is not a stalkerbench publication file`, {
      details: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`),
      hint: 'the publication is damaged or from another tool: get it again from the lab',
    });
  }
  return parsed.data;
}
