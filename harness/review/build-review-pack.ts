import { copyFile, lstat, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { listFolderFiles, showName } from '../publish/index.ts';
import { readAppiumLogSegments, segmentsDuring } from '../report/appium-log-segments.ts';
import { reportRoundFolder } from '../report/index.ts';
import { isSafeEvidencePath, readResults, readRoundFile, type AttemptResult } from '../results/index.ts';
import { cutPlan, PLAN_CUT_FILES } from './cut-plan.ts';
import { findNeedle } from './find-needle.ts';
import { renderPackReadme, type Withheld } from './pack-readme.ts';
import { selectProduct, type ProductSlice } from './select-product.ts';
import { writeZip } from './write-zip.ts';

export interface ReviewPackOptions {
  productId: string;
  /** Folder to create; must not exist. The zip is written beside it as `<out>.zip`. */
  out: string;
}

export interface ReviewPack {
  folder: string;
  zip: string;
  files: string[];
  withheld: Withheld[];
}

/** Files that may be left out when they name another vendor; anything else that does fails the pack. */
const OPTIONAL = /^(?:appium-logs\/|appium\.log$|plan\.(?:json|md|sha256)$|plan-cut\.(?:json|md)$|METHOD\.md$)/;

/**
 * One vendor's review pack: its cases' results lines as recorded, round.json reduced to its
 * product and the samples it met (hashes and families, never an APK), its evidence files, the
 * report rendered from that alone, the method, and the plan and the Appium log parts of its cases
 * when they do not name another vendor. Every file of the pack is then searched for the other
 * products' ids, packages, names, vendors and APK hashes; a hit in an optional file withholds it
 * (said in README.txt), a hit anywhere else refuses the pack (REVIEW_PACK_LEAK). Built in a side
 * folder that is renamed into place, then zipped.
 */
export async function buildReviewPack(folder: string, options: ReviewPackOptions): Promise<ReviewPack> {
  const round = await readRoundFile(folder);
  if (round.finishedAt === null) {
    throw new HarnessError('ROUND_UNFINISHED', `round ${round.round.id} has not finished`, { hint: 'finish it with `stalkerbench run --resume`; vendors review a finished round' });
  }
  const slice = selectProduct(round, options.productId);
  if (await exists(options.out)) {
    throw new HarnessError('USAGE', `${showName(options.out)} exists already`, { hint: 'choose another --output, or remove the old pack first' });
  }
  const stage = `${options.out}.${process.pid}.tmp`;
  await rm(stage, { recursive: true, force: true });
  await mkdir(stage, { recursive: true });
  try {
    const withheld: Withheld[] = [];
    const results = await copyResults(folder, stage, slice);
    await writeFile(join(stage, 'round.json'), `${JSON.stringify(slice.round, null, 2)}\n`);
    await writeFile(join(stage, 'samples.json'), `${JSON.stringify(slice.round.samples, null, 2)}\n`);
    await copyEvidence(folder, stage, results);
    await copyAppiumParts(folder, stage, results, slice, withheld);
    for (const name of ['plan.json', 'plan.md', 'plan.sha256']) await copyOptional(join(folder, name), stage, name, slice, withheld);
    if (withheld.some((item) => item.path === 'plan.json')) await writePlanCut(folder, stage, slice, withheld);
    await copyOptional(join(PROJECT_ROOT, 'docs', 'methodology.md'), stage, 'METHOD.md', slice, withheld);
    await reportRoundFolder(stage);
    await writeFile(join(stage, 'README.txt'), renderPackReadme(slice, results.length, withheld));
    const files = await checkPack(stage, slice);
    await mkdir(dirname(options.out), { recursive: true });
    await rename(stage, options.out);
    const zip = `${options.out}.zip`;
    await writeZip(zip, options.out, files);
    return { folder: options.out, zip, files, withheld };
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
}

/** results.jsonl lines of the product's cases, byte for byte as the round recorded them. */
async function copyResults(folder: string, stage: string, slice: ProductSlice): Promise<AttemptResult[]> {
  const read = await readResults(folder);
  const text = read.exists ? await readFile(join(folder, 'results.jsonl'), 'utf8') : '';
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    let caseId: unknown;
    try {
      caseId = (JSON.parse(line) as { caseId?: unknown }).caseId;
    } catch {
      continue; // blank or the torn last line: readResults has already refused any other bad line
    }
    if (typeof caseId === 'string' && slice.caseIds.has(caseId)) kept.push(line);
  }
  await writeFile(join(stage, 'results.jsonl'), kept.length === 0 ? '' : `${kept.join('\n')}\n`);
  return read.results.filter((result) => slice.caseIds.has(result.caseId));
}

async function copyEvidence(folder: string, stage: string, results: readonly AttemptResult[]): Promise<void> {
  for (const result of results) {
    for (const item of result.evidence) {
      if (!isSafeEvidencePath(item.path)) continue;
      const source = join(folder, item.path);
      // Only regular files: a link could carry anything from outside the round into the pack.
      const info = await lstat(source).catch(() => undefined);
      if (!info?.isFile()) continue;
      await mkdir(dirname(join(stage, item.path)), { recursive: true });
      await copyFile(source, join(stage, item.path));
    }
  }
}

/**
 * The Appium log parts written while the product's cases ran. Appium writes one log for every
 * device of a round, so a part can hold another vendor's session too: such a part is withheld.
 */
async function copyAppiumParts(folder: string, stage: string, results: readonly AttemptResult[], slice: ProductSlice, withheld: Withheld[]): Promise<void> {
  const segments = await readAppiumLogSegments(folder);
  const wanted = new Set<string>();
  for (const result of results) {
    for (const segment of segmentsDuring(segments, result.timings.startedAt, result.timings.endedAt)) wanted.add(segment.path);
  }
  const index: string[] = [];
  const lines = (await readFile(join(folder, 'appium-logs', 'index.jsonl'), 'utf8').catch(() => '')).split('\n');
  for (const segment of segments) {
    if (!wanted.has(segment.path)) continue;
    if (!(await copyOptional(join(folder, segment.path), stage, segment.path, slice, withheld))) continue;
    const plain = segment.path.replace(/\.gz$/, '');
    const line = lines.find((candidate) => candidate.includes(`"${plain}"`));
    if (line !== undefined) index.push(line);
  }
  if (index.length > 0) await writeFile(join(stage, 'appium-logs', 'index.jsonl'), `${index.join('\n')}\n`);
}

/**
 * A plan that lists the other vendors is withheld; the vendor still gets the plan it was tested
 * against, cut to its product (cut-plan.ts), unless the cut too names another vendor.
 */
async function writePlanCut(folder: string, stage: string, slice: ProductSlice, withheld: Withheld[]): Promise<void> {
  const cut = await cutPlan(folder, slice.product.id);
  if (cut === undefined) return;
  for (const [name, text] of [[PLAN_CUT_FILES.json, cut.json], [PLAN_CUT_FILES.markdown, cut.markdown]] as const) {
    await writeFile(join(stage, name), text);
    if ((await findNeedle(join(stage, name), slice.others)) !== undefined) {
      await rm(join(stage, name));
      withheld.push({ path: name, reason: 'the plan cut to this product still names another product of the round' });
    }
  }
}

/** Copies a file the pack can do without, unless it names another vendor; false when not copied. */
async function copyOptional(source: string, stage: string, name: string, slice: ProductSlice, withheld: Withheld[]): Promise<boolean> {
  const info = await lstat(source).catch(() => undefined);
  if (!info?.isFile()) return false;
  const hit = await findNeedle(source, slice.others);
  if (hit !== undefined) {
    withheld.push({ path: name, reason: 'it names another product of the round' });
    return false;
  }
  await mkdir(dirname(join(stage, name)), { recursive: true });
  await copyFile(source, join(stage, name));
  return true;
}

/** Every file of the pack, searched once more: what the vendor receives names no other vendor. */
async function checkPack(stage: string, slice: ProductSlice): Promise<string[]> {
  const listing = await listFolderFiles(stage);
  const leaks: string[] = [];
  for (const path of listing.files) {
    if (OPTIONAL.test(path) && path !== 'appium-logs/index.jsonl') continue; // searched before copying
    const hit = await findNeedle(join(stage, path), slice.others);
    if (hit !== undefined) leaks.push(`${showName(path)} holds '${showName(hit)}'`);
  }
  if (leaks.length > 0) {
    throw new HarnessError('REVIEW_PACK_LEAK', `the review pack for ${slice.product.id} would show another product in ${leaks.length} file(s)`, {
      details: leaks,
      hint: 'another vendor\'s name in this product\'s own evidence or in the round\'s title needs a person: look at each file named, then send the vendor what may be shown by hand',
    });
  }
  return listing.files;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
