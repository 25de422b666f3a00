import { createHash } from 'node:crypto';
import { appendFile, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identifySelf } from '../harness/round/process-identity.ts';
import { copyFixtureRound, runCli } from './fixtures/rounds/report-test-kit.ts';

const cleanup: string[] = [];
afterEach(async () => {
  for (const path of cleanup.splice(0)) await rm(path, { recursive: true, force: true });
});

/** A finished fixture round (basic: two products, evidence) in a temp folder, with a key pair beside it. */
async function roundWithKeys(): Promise<{ folder: string; privateKey: string; publicKey: string; keys: string }> {
  const folder = await copyFixtureRound('basic');
  cleanup.push(dirname(folder));
  const keys = join(dirname(folder), 'keys');
  const made = await runCli(['keygen', 'lab', '--output', keys]);
  expect(made.code, made.stderr).toBe(0);
  return { folder, keys, privateKey: join(keys, 'lab.private.pem'), publicKey: join(keys, 'lab.public.pem') };
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('stalkerbench keygen', () => {
  it('writes an Ed25519 pair, the private key readable by its owner only, and never overwrites it', async () => {
    const { keys, privateKey, publicKey } = await roundWithKeys();
    expect((await stat(privateKey)).mode & 0o777).toBe(0o600);
    expect(await readFile(privateKey, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(await readFile(publicKey, 'utf8')).toContain('BEGIN PUBLIC KEY');
    const before = await readFile(privateKey);
    const again = await runCli(['keygen', 'lab', '--output', keys]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('error KEY_EXISTS');
    expect(await readFile(privateKey)).toEqual(before);
  });
});

describe('stalkerbench publish and verify', () => {
  it('seals a finished round; verify finds it intact; the report shows the record hash and how to verify', async () => {
    const { folder, privateKey, publicKey } = await roundWithKeys();
    const published = await runCli(['publish', folder, '--key', privateKey]);
    expect(published.code, published.stderr).toBe(0);
    const manifestBytes = await readFile(join(folder, 'publication/manifest.json'));
    expect(published.stdout).toBe(`manifest SHA-256 ${sha256(manifestBytes)}\n`);
    const manifest = JSON.parse(manifestBytes.toString('utf8'));
    const paths: string[] = manifest.files.map((entry: { path: string }) => entry.path);
    expect(paths).toContain('results.jsonl');
    expect(paths).toContain('round.json');
    expect(paths).toContain('index.html');
    expect(paths).toContain('evidence/bravo.mspy.on-demand.api34.r1/1/scan-results.xml');
    expect(paths.some((path) => path.startsWith('publication/'))).toBe(false);
    expect([...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))).toEqual(paths);
    const results = manifest.files.find((entry: { path: string }) => entry.path === 'results.jsonl');
    expect(results.sha256).toBe(sha256(await readFile(join(folder, 'results.jsonl'))));
    const recordHash = sha256(await readFile(join(folder, 'publication/record.json')));
    expect(manifest.record.sha256).toBe(recordHash);
    const index = await readFile(join(folder, 'index.html'), 'utf8');
    expect(index).toContain(`SHA-256 ${recordHash}`);
    expect(index).toContain('stalkerbench verify');
    expect(index).toContain(manifest.key.fingerprint);

    const verified = await runCli(['verify', folder, '--key', publicKey]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`intact: ${paths.length} files`);
    expect(verified.stdout).toContain(`manifest SHA-256 ${sha256(manifestBytes)}`);
  });

  it('lists a changed evidence byte, an added file and a removed file, and exits 1; hostile names stay on one line', async () => {
    const { folder, privateKey, publicKey } = await roundWithKeys();
    expect((await runCli(['publish', folder, '--key', privateKey])).code).toBe(0);
    const evidence = join(folder, 'evidence/acme.flexispy.on-demand.api34.r1/1/scan-results.xml');
    const bytes = await readFile(evidence);
    bytes[10] = (bytes[10] ?? 0) ^ 1; // one byte, same size
    await writeFile(evidence, bytes);
    const hostile = 'evidence/note\nchanged results.jsonl \u202Etxt.sh';
    await writeFile(join(folder, hostile), 'added after publication');
    await rm(join(folder, 'matrix.csv'));
    const verified = await runCli(['verify', folder, '--key', publicKey]);
    expect(verified.code).toBe(1);
    const lines = verified.stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('changed '))).toEqual([expect.stringContaining('evidence/acme.flexispy.on-demand.api34.r1/1/scan-results.xml')]);
    expect(lines.filter((line) => line.startsWith('added '))).toEqual(['added   evidence/note\\u{a}changed results.jsonl \\u{202e}txt.sh  (23 bytes)']);
    expect(lines.filter((line) => line.startsWith('removed '))).toEqual([expect.stringContaining('removed matrix.csv ')]);
    expect(verified.stdout).toContain('NOT INTACT: 1 changed, 1 added, 1 removed');
    expect(verified.stdout).not.toContain('\u202E');
  });

  it('refuses the wrong key, an edited manifest and a swapped signature with exit 2', async () => {
    const { folder, privateKey, publicKey } = await roundWithKeys();
    expect((await runCli(['publish', folder, '--key', privateKey])).code).toBe(0);
    const other = await runCli(['keygen', 'other', '--output', join(dirname(folder), 'keys')]);
    expect(other.code).toBe(0);
    const wrong = await runCli(['verify', folder, '--key', join(dirname(folder), 'keys', 'other.public.pem')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('error PUBLICATION_INVALID');
    expect(wrong.stderr).toContain('not with the key given');

    const privateAsPublic = await runCli(['verify', folder, '--key', privateKey]);
    expect(privateAsPublic.code).toBe(2);
    expect(privateAsPublic.stderr).toContain('error KEY_INVALID');

    // A manifest edited to bless a tampered file: still valid JSON, no longer the signed bytes.
    const manifestPath = join(folder, 'publication/manifest.json');
    const original = await readFile(manifestPath, 'utf8');
    await appendFile(join(folder, 'results.jsonl'), '{"forged":true}\n');
    const forged = JSON.parse(original);
    const entry = forged.files.find((file: { path: string }) => file.path === 'results.jsonl');
    const tampered = await readFile(join(folder, 'results.jsonl'));
    entry.sha256 = sha256(tampered);
    entry.bytes = tampered.length;
    await writeFile(manifestPath, `${JSON.stringify(forged, null, 2)}\n`);
    const edited = await runCli(['verify', folder, '--key', publicKey]);
    expect(edited.code).toBe(2);
    expect(edited.stderr).toContain('error PUBLICATION_INVALID');
    expect(edited.stderr).toContain('is not the manifest that was signed');

    // The other key re-signs the forged manifest: the signature names a key the reader did not bring.
    await writeFile(manifestPath, original);
    const otherFolder = await copyFixtureRound('basic');
    cleanup.push(dirname(otherFolder));
    expect((await runCli(['publish', otherFolder, '--key', join(dirname(folder), 'keys', 'other.private.pem')])).code).toBe(0);
    await writeFile(join(folder, 'publication/manifest.sig'), await readFile(join(otherFolder, 'publication/manifest.sig')));
    const swapped = await runCli(['verify', folder, '--key', publicKey]);
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain('error PUBLICATION_INVALID');
  });

  it('refuses a running round, an unfinished one, one without results and one holding a symbolic link, writing nothing', async () => {
    const { folder, privateKey } = await roundWithKeys();
    const self = await identifySelf();
    await writeFile(join(folder, 'runtime.json'), JSON.stringify({ schemaVersion: 1, runner: { ...self, startedAt: new Date().toISOString() }, emulatorConsolePorts: [] }));
    const running = await runCli(['publish', folder, '--key', privateKey]);
    expect(running.code).toBe(2);
    expect(running.stderr).toContain('error ROUND_RUNNING');
    await rm(join(folder, 'runtime.json'));

    await symlink('/etc/hostname', join(folder, 'evidence', 'outside.txt'));
    const linked = await runCli(['publish', folder, '--key', privateKey]);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('error PUBLICATION_INVALID');
    expect(linked.stderr).toContain('evidence/outside.txt: symbolic link');
    await rm(join(folder, 'evidence', 'outside.txt'));

    const roundJson = join(folder, 'round.json');
    const round = JSON.parse(await readFile(roundJson, 'utf8'));
    await writeFile(roundJson, JSON.stringify({ ...round, finishedAt: null }));
    const unfinished = await runCli(['publish', folder, '--key', privateKey]);
    expect(unfinished.code).toBe(2);
    expect(unfinished.stderr).toContain('error ROUND_UNFINISHED');
    await writeFile(roundJson, JSON.stringify(round));

    await rm(join(folder, 'results.jsonl'));
    const empty = await runCli(['publish', folder, '--key', privateKey]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('error ROUND_UNFINISHED');
    await expect(stat(join(folder, 'publication'))).rejects.toThrow();
  });

  it('seals the plan: its hash in the manifest and the report; a plan changed after plan.sha256 is refused', async () => {
    const { folder, privateKey, publicKey } = await roundWithKeys();
    const plan = '{"round":"basic-2026-11","products":["acme","bravo"]}\n';
    await writeFile(join(folder, 'plan.json'), plan);
    await writeFile(join(folder, 'plan.sha256'), `${sha256(plan)}  plan.json\n`);
    expect((await runCli(['publish', folder, '--key', privateKey])).code).toBe(0);
    const manifest = JSON.parse(await readFile(join(folder, 'publication/manifest.json'), 'utf8'));
    expect(manifest.plan).toEqual({ file: 'plan.json', sha256: sha256(plan) });
    expect(await readFile(join(folder, 'index.html'), 'utf8')).toContain(`SHA-256 ${sha256(plan)}`);
    expect((await runCli(['verify', folder, '--key', publicKey])).stdout).toContain(`plan SHA-256     ${sha256(plan)}`);

    await writeFile(join(folder, 'plan.json'), plan.replace('bravo', 'charlie'));
    const changed = await runCli(['publish', folder, '--key', privateKey]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('is not the plan published');
  });
});

describe('--help', () => {
  it.each(['keygen', 'publish', 'verify'])('%s documents its exit codes', async (name) => {
    const run = await runCli([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('exit codes:');
  });
});

