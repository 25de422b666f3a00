import { sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { readResults, readRoundFile } from '../results/index.ts';
import { showName } from './escape-name.ts';
import { hashFile, sha256Of } from './hash-file.ts';
import { keyFingerprint } from './lab-key.ts';
import { listFolderFiles } from './list-round-files.ts';
import {
  buildRecord, MANIFEST_FILE, PUBLICATION_DIR, RECORD_FILE, recordSha256, serialise, SIGNATURE_FILE,
  type Manifest, type ManifestEntry,
} from './manifest.ts';

/** What the report shows of the publication it is rendered for. */
export interface SealFacts {
  recordSha256: string;
  planSha256: string | undefined;
  keyFingerprint: string;
}

export interface PublishOptions {
  privateKey: KeyObject;
  harnessVersion: string;
  /** Files the report writes (index.html, cases/…): left out of the record, re-rendered with the seal. */
  isReportOutput: (path: string) => boolean;
  /** Renders the round's report into the folder, showing the seal. */
  renderReport: (seal: SealFacts) => Promise<void>;
  /** @default now */
  now?: Date;
}

export interface Publication {
  manifest: Manifest;
  manifestSha256: string;
  recordSha256: string;
}

export const PLAN_FILE = 'plan.json';
const PLAN_HASH_FILE = 'plan.sha256';

/**
 * Seals a finished round folder: hashes every file it holds (the record), renders the report
 * showing the record's hash and the plan's, hashes the report too, and writes
 * publication/manifest.json, record.json and manifest.sig (an Ed25519 signature over the
 * manifest's exact bytes). The three are written into a side folder that then replaces
 * publication/ whole: a reader never finds a manifest without its signature.
 */
export async function publishRound(folder: string, options: PublishOptions): Promise<Publication> {
  const round = await readRoundFile(folder);
  if (round.finishedAt === null) {
    throw new HarnessError('ROUND_UNFINISHED', `round ${round.round.id} has not finished (round.json has no finish time)`, { hint: 'finish it with `stalkerbench run --resume`, then publish' });
  }
  const results = await readResults(folder);
  if (!results.exists || results.results.length === 0) {
    throw new HarnessError('ROUND_UNFINISHED', `round ${round.round.id} has no results (results.jsonl is missing or empty)`, { hint: 'run the round first; only a round with results can be published' });
  }
  const digests = new Map<string, ManifestEntry>();
  const inputs = await hashFolder(folder, digests);
  const record = buildRecord(round.round.id, inputs, options.isReportOutput);
  const planSha256 = await checkPlan(folder, digests);
  const fingerprint = keyFingerprint(options.privateKey);
  const recordHash = recordSha256(record);
  await options.renderReport({ recordSha256: recordHash, planSha256, keyFingerprint: fingerprint });
  // Only the report changed: files of the record keep the digests taken a moment ago.
  for (const path of digests.keys()) if (options.isReportOutput(path)) digests.delete(path);
  const files = await hashFolder(folder, digests);
  const manifest: Manifest = {
    schemaVersion: 1,
    kind: 'stalkerbench publication manifest',
    round: { id: round.round.id, title: round.round.title, startedAt: round.startedAt, finishedAt: round.finishedAt },
    publishedAt: (options.now ?? new Date()).toISOString(),
    harness: options.harnessVersion,
    key: { algorithm: 'ed25519', fingerprint },
    plan: planSha256 === undefined ? null : { file: PLAN_FILE, sha256: planSha256 },
    record: { file: RECORD_FILE, sha256: recordHash },
    files,
  };
  const manifestText = serialise(manifest);
  const signature = sign(null, Buffer.from(manifestText, 'utf8'), options.privateKey).toString('base64');
  await replacePublication(folder, {
    [MANIFEST_FILE]: manifestText,
    [RECORD_FILE]: serialise(record),
    [SIGNATURE_FILE]: serialise({ algorithm: 'ed25519', key: fingerprint, signature }),
  });
  return { manifest, manifestSha256: sha256Of(manifestText), recordSha256: recordHash };
}

/** Every file outside publication/, hashed (reusing `known` digests); links and odd files refused. */
async function hashFolder(folder: string, known: Map<string, ManifestEntry>): Promise<ManifestEntry[]> {
  const listing = await listFolderFiles(folder, { skip: (path) => path === PUBLICATION_DIR || isSideFolder(path) });
  if (listing.odd.length > 0) {
    throw new HarnessError('PUBLICATION_INVALID', `${listing.odd.length} entr${listing.odd.length === 1 ? 'y' : 'ies'} of the round folder cannot be sealed`, {
      details: listing.odd.map((entry) => `${showName(entry.path)}: ${entry.what}`),
      hint: 'a symbolic link can point outside the folder and change after publication: replace each link by a copy of the file it points to (cp -L), and remove other special files, then publish again',
    });
  }
  const entries: ManifestEntry[] = [];
  for (const path of listing.files) {
    let entry = known.get(path);
    if (entry === undefined) {
      entry = { path, ...(await hashFile(join(folder, path))) };
      known.set(path, entry);
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * The plan's hash, when the folder has plan.json. A plan.sha256 beside it is the hash published
 * before testing: a plan.json that no longer matches it was changed afterwards, and sealing it
 * would present the changed plan as the published one.
 */
async function checkPlan(folder: string, digests: ReadonlyMap<string, ManifestEntry>): Promise<string | undefined> {
  const plan = digests.get(PLAN_FILE);
  if (plan === undefined) return undefined;
  const published = await readFile(join(folder, PLAN_HASH_FILE), 'utf8').catch(() => undefined);
  const claimed = published === undefined ? undefined : /\b[0-9a-f]{64}\b/i.exec(published)?.[0]?.toLowerCase();
  if (claimed !== undefined && claimed !== plan.sha256) {
    throw new HarnessError('PUBLICATION_INVALID', `plan.json (SHA-256 ${plan.sha256}) is not the plan published as ${claimed} in plan.sha256`, {
      hint: 'the plan changed after it was published: restore the published plan.json, and record what changed as deviations',
    });
  }
  return plan.sha256;
}

/** `.publication-<pid>-<n>.new/.old`: side folders of a publish; never part of a manifest. */
function isSideFolder(path: string): boolean {
  return /^\.publication-\d+-\d+\.(?:new|old)$/.test(path);
}

let sequence = 0;

async function replacePublication(folder: string, files: Readonly<Record<string, string>>): Promise<void> {
  sequence += 1;
  const fresh = join(folder, `.publication-${process.pid}-${sequence}.new`);
  const old = join(folder, `.publication-${process.pid}-${sequence}.old`);
  const target = join(folder, PUBLICATION_DIR);
  await mkdir(fresh);
  try {
    for (const [path, content] of Object.entries(files)) await writeFile(join(fresh, path.slice(PUBLICATION_DIR.length + 1)), content, { flush: true });
    const hadOld = await rename(target, old).then(() => true, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    });
    await rename(fresh, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    throw error;
  }
}
