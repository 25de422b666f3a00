import type { ApkIdentity } from '../apk/index.ts';
import { classifySample, type ClassifyContext, type FamilyMatch } from './classify-sample.ts';
import { listFolder } from './list-folder.ts';
import { readSampleFile } from './read-sample-file.ts';

/** An APK the indicators name: it goes into the catalogue. */
export interface KnownSample {
  relative: string;
  identity: ApkIdentity;
  family: string;
  kind: 'stalkerware' | 'watchware';
  matches: FamilyMatch[];
  /** Doubts about the family, for a person. */
  review: string[];
}

/** An APK no indicator names: listed, not catalogued. */
export interface UnknownSample {
  relative: string;
  sha256: string;
  packageName: string;
  label: string | null;
  certificateSha1s: string[];
  reason: string;
}

export interface RejectedFile {
  relative: string;
  /** The HarnessError code the reading gave (APK_INVALID, APK_NO_MANIFEST), or SKIPPED. */
  code: string;
  reason: string;
}

export interface DuplicateFile {
  relative: string;
  sha256: string;
  /** The file of the same SHA-256 that was kept (first in byte order of paths). */
  sameAs: string;
}

export interface FolderScan {
  known: KnownSample[];
  unknown: UnknownSample[];
  rejected: RejectedFile[];
  duplicates: DuplicateFile[];
  /** Regular files read (or refused by size or header). */
  filesSeen: number;
}

/**
 * Reads every file of an intake folder (never installs anything) and sorts them into known
 * samples, unknown apps, rejected files and duplicates. Files are read one at a time, so memory
 * holds at most one file (bounded by `maxBytes`); a folder of a few hundred APKs takes seconds.
 */
export async function scanFolder(folder: string, context: ClassifyContext, maxBytes: number): Promise<FolderScan> {
  const listing = await listFolder(folder);
  const scan: FolderScan = {
    known: [], unknown: [], duplicates: [], filesSeen: listing.files.length,
    rejected: listing.skipped.map((entry) => ({ relative: entry.relative, code: 'SKIPPED', reason: entry.reason })),
  };
  const firstBySha = new Map<string, string>();
  for (const file of listing.files) {
    const reading = await readSampleFile(file.path, maxBytes);
    if (!reading.ok) {
      // The APK reader names the absolute path; the report names files relative to the folder.
      scan.rejected.push({ relative: file.relative, code: reading.code, reason: reading.reason.replaceAll(file.path, file.relative) });
      continue;
    }
    const { identity } = reading;
    const first = firstBySha.get(identity.sha256);
    if (first !== undefined) {
      scan.duplicates.push({ relative: file.relative, sha256: identity.sha256, sameAs: first });
      continue;
    }
    firstBySha.set(identity.sha256, file.relative);
    const classification = classifySample(identity, context);
    if (classification.known) {
      scan.known.push({
        relative: file.relative, identity, family: classification.family, kind: classification.kind,
        matches: classification.matches, review: classification.review,
      });
    } else {
      scan.unknown.push({
        relative: file.relative, sha256: identity.sha256, packageName: identity.packageName, label: identity.label ?? null,
        certificateSha1s: identity.signing.certificates.map((certificate) => certificate.sha1), reason: classification.reason,
      });
    }
  }
  scan.rejected.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return scan;
}
