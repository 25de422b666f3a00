import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AttemptLedger, SubmittedAttempt } from './attempt-ledger.ts';
import { INCOMING_DIR, stagingKeyOf } from './evidence-paths.ts';
import type { RoundPackage } from './round-package.ts';
import { claimFromSharedFolder, sharedEvidencePath } from './shared-folder.ts';

/** Largest evidence file accepted (a full-screen PNG is a few MB; logcat a few hundred KB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Largest JSON body (an attempt with its file list). */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

export interface CoordinatorServerOptions {
  /** Bearer token every request must carry (published to workers through the password-protected Redis). */
  token: string;
  host: string;
  port: number;
  outputDir: string;
  pack: RoundPackage;
  /** APK files by SHA-256 (verified before the server starts). */
  apks: ReadonlyMap<string, string>;
  ledger: AttemptLedger;
  /** `--shared-folder`: workers may leave evidence there and announce it (`POST /evidence/shared`). */
  sharedFolder?: { root: string; roundId: string };
  log: (line: string) => void;
}

export interface CoordinatorServer {
  /** `http://host:port` as bound. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The coordinator's file transfer, on node:http, for hosts without a shared folder: `GET /round`,
 * `GET /apk/<sha256>`, `PUT /evidence` (one file, its SHA-256 in `x-content-sha256`, checked while
 * it streams to disk), `POST /attempts/start` and `POST /attempts/submit` (the fenced decisions of
 * {@link AttemptLedger}). Every request needs the bearer token. Large files never go through Redis.
 */
export async function startCoordinatorServer(options: CoordinatorServerOptions): Promise<CoordinatorServer> {
  const expected = Buffer.from(`Bearer ${options.token}`);
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      options.log(`transfer: ${request.method ?? '?'} ${request.url ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return send(response, 401, { error: 'bad or missing bearer token' });
    const url = new URL(request.url ?? '/', 'http://coordinator');
    if (request.method === 'GET' && url.pathname === '/round') return send(response, 200, options.pack);
    const apk = /^\/apk\/([0-9a-f]{64})$/.exec(url.pathname);
    if (request.method === 'GET' && apk) return sendApk(response, options.apks.get(apk[1] ?? ''));
    if (request.method === 'PUT' && url.pathname === '/evidence') return receiveEvidence(request, response, url, options);
    if (request.method === 'POST' && url.pathname === '/evidence/shared') return claimSharedEvidence(request, response, options);
    if (request.method === 'POST' && url.pathname === '/attempts/start') {
      const body = await readJson(request) as { jobId?: unknown; token?: unknown; caseId?: unknown };
      if (typeof body.jobId !== 'string' || typeof body.token !== 'string' || typeof body.caseId !== 'string') return send(response, 400, { error: 'jobId, token and caseId are required' });
      return send(response, 200, await options.ledger.start(body.jobId, body.token, body.caseId));
    }
    if (request.method === 'POST' && url.pathname === '/attempts/submit') {
      // The ledger checks every field that decides anything; the result schema checks the rest.
      const body = await readJson(request) as SubmittedAttempt;
      if (typeof body.jobId !== 'string' || typeof body.token !== 'string' || typeof body.caseId !== 'string' || !Number.isInteger(body.attempt)
        || typeof body.outcome !== 'object' || body.outcome === null || !Array.isArray(body.files) || !Array.isArray(body.outcome.evidence)) {
        return send(response, 400, { error: 'malformed submission' });
      }
      return send(response, 200, await options.ledger.submit(body));
    }
    return send(response, 404, { error: 'no such route' });
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function receiveEvidence(request: IncomingMessage, response: ServerResponse, url: URL, options: CoordinatorServerOptions): Promise<void> {
  const jobId = url.searchParams.get('job') ?? '';
  const token = url.searchParams.get('token') ?? '';
  const caseId = url.searchParams.get('case') ?? '';
  const attempt = Number(url.searchParams.get('attempt'));
  const path = url.searchParams.get('path') ?? '';
  const sha256 = String(request.headers['x-content-sha256'] ?? '');
  if (!/^[0-9a-f]{64}$/.test(sha256) || !Number.isInteger(attempt)) return send(response, 400, { error: 'x-content-sha256 and attempt are required' });
  // A late worker (stale token), a decided case or a path outside the attempt's folder: nothing is written.
  if (!(await options.ledger.mayUpload(jobId, token, caseId, attempt, path))) return send(response, 409, { error: 'not accepted for this job, token, attempt and path' });
  const target = join(options.outputDir, INCOMING_DIR, stagingKeyOf(jobId, token, attempt), path);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.part-${process.pid}`;
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    await pipeline(request, async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        if (bytes > MAX_FILE_BYTES) throw new Error(`evidence ${path} is larger than ${MAX_FILE_BYTES} bytes`);
        hash.update(chunk);
        yield chunk;
      }
    }, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    await rm(partial, { force: true });
    return send(response, 422, { error: `evidence ${path} arrived with SHA-256 ${actual}, sent as ${sha256}` });
  }
  await rename(partial, target);
  send(response, 200, { stored: path, bytes });
}

/**
 * One evidence file a worker left in the shared folder: the same fencing as an upload, then copied
 * into staging with its SHA-256 checked on the bytes written. Missing or altered: 422, nothing staged
 * (the worker's job fails and the case runs again — it is never decided without its evidence).
 */
async function claimSharedEvidence(request: IncomingMessage, response: ServerResponse, options: CoordinatorServerOptions): Promise<void> {
  if (options.sharedFolder === undefined) return send(response, 404, { error: 'this coordinator was started without --shared-folder' });
  const body = await readJson(request) as { jobId?: unknown; token?: unknown; caseId?: unknown; attempt?: unknown; path?: unknown; sha256?: unknown };
  const { jobId, token, caseId, attempt, path, sha256 } = body;
  if (typeof jobId !== 'string' || typeof token !== 'string' || typeof caseId !== 'string' || typeof path !== 'string'
    || typeof attempt !== 'number' || !Number.isInteger(attempt) || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    return send(response, 400, { error: 'jobId, token, caseId, attempt, path and sha256 are required' });
  }
  if (!(await options.ledger.mayUpload(jobId, token, caseId, attempt, path))) return send(response, 409, { error: 'not accepted for this job, token, attempt and path' });
  const key = stagingKeyOf(jobId, token, attempt);
  const source = sharedEvidencePath(options.sharedFolder.root, options.sharedFolder.roundId, key, path);
  const problem = await claimFromSharedFolder(source, sha256, join(options.outputDir, INCOMING_DIR, key, path), MAX_FILE_BYTES);
  if (problem !== undefined) return send(response, 422, { error: `evidence ${path} ${problem}` });
  send(response, 200, { stored: path });
}

function sendApk(response: ServerResponse, file: string | undefined): void {
  if (file === undefined) return send(response, 404, { error: 'no APK of this round has that SHA-256' });
  response.writeHead(200, { 'content-type': 'application/vnd.android.package-archive' });
  createReadStream(file).on('error', () => response.destroy()).pipe(response);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}
