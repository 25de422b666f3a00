import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { HarnessError } from '../errors/index.ts';
import type { StartAnswer, SubmitAnswer, SubmittedAttempt } from './attempt-ledger.ts';
import { coordinatorKeyOf } from './queue-names.ts';
import type { RoundPackage } from './round-package.ts';
import { stagingKeyOf } from './evidence-paths.ts';
import { checkSharedFolder, placeInSharedFolder, sharedEvidencePath } from './shared-folder.ts';

/** How long a worker keeps trying to reach a coordinator that is restarting, per request. */
const REACH_BUDGET_MS = 180_000;
const REQUEST_TIMEOUT_MS = 60_000;

interface Endpoint { url: string; token: string; sharedNonce: string | undefined }

/**
 * A worker's side of the coordinator's file transfer. Where it listens and its bearer token are read
 * from Redis (the coordinator publishes them), and read again when a request cannot reach it or is
 * refused as unauthorised: a restarted coordinator comes back on another port with another token.
 * `--coordinator <url>` overrides the published address (NAT, a proxy). With `--shared-folder`,
 * evidence goes through the folder all hosts mount (shared-folder.ts) and only its announcement
 * through HTTP.
 */
export class CoordinatorClient {
  readonly #redis: Redis;
  readonly #roundId: string;
  readonly #urlOverride: string | undefined;
  readonly #sharedFolder: string | undefined;
  #endpoint: Endpoint | undefined;
  /** The coordinator's nonce last found in the shared folder's mark. */
  #checkedNonce: string | undefined;

  constructor(redis: Redis, roundId: string, urlOverride?: string, sharedFolder?: string) {
    this.#redis = redis;
    this.#roundId = roundId;
    this.#urlOverride = urlOverride;
    this.#sharedFolder = sharedFolder;
  }

  async round(signal: AbortSignal): Promise<RoundPackage> {
    return (await this.#request('GET', '/round', undefined, signal)).json() as Promise<RoundPackage>;
  }

  /** The APK with this SHA-256, as a response body to stream (the caller verifies the hash). */
  async apk(sha256: string, signal: AbortSignal): Promise<Response> {
    return this.#request('GET', `/apk/${sha256}`, undefined, signal);
  }

  async startAttempt(body: { jobId: string; token: string; caseId: string }, signal: AbortSignal): Promise<StartAnswer> {
    return (await this.#request('POST', '/attempts/start', JSON.stringify(body), signal)).json() as Promise<StartAnswer>;
  }

  async submit(body: SubmittedAttempt, signal: AbortSignal): Promise<SubmitAnswer> {
    return (await this.#request('POST', '/attempts/submit', JSON.stringify(body), signal)).json() as Promise<SubmitAnswer>;
  }

  /** Sends one evidence file; false when the coordinator no longer takes files for this attempt (fenced). */
  async upload(query: { jobId: string; token: string; caseId: string; attempt: number; path: string; sha256: string }, file: string, signal: AbortSignal): Promise<boolean> {
    if (this.#sharedFolder !== undefined) return this.#placeShared(this.#sharedFolder, query, file, signal);
    const search = new URLSearchParams({ job: query.jobId, token: query.token, case: query.caseId, attempt: String(query.attempt), path: query.path });
    const size = (await stat(file)).size;
    const response = await this.#request('PUT', `/evidence?${search.toString()}`, () => createReadStream(file), signal, {
      'x-content-sha256': query.sha256, 'content-length': String(size),
    }, [409]);
    return response.status === 200;
  }

  /**
   * With `--shared-folder`: checks, before the worker boots anything, that the coordinator uses a
   * shared folder and that this path shows its mark (the same mount). Throws a usage error otherwise.
   */
  async checkSharedFolder(): Promise<void> {
    if (this.#sharedFolder === undefined) return;
    const nonce = (await this.#endpointNow(true)).sharedNonce;
    if (nonce === undefined) {
      throw new HarnessError('USAGE', `worker --shared-folder ${this.#sharedFolder}: the coordinator of round ${this.#roundId} was started without --shared-folder`, {
        hint: 'start serve-round with --shared-folder as well, or leave --shared-folder out here to send evidence over HTTP',
      });
    }
    await checkSharedFolder(this.#sharedFolder, this.#roundId, nonce);
    this.#checkedNonce = nonce;
  }

  async #placeShared(root: string, query: { jobId: string; token: string; caseId: string; attempt: number; path: string; sha256: string }, file: string, signal: AbortSignal): Promise<boolean> {
    const endpoint = await this.#endpointNow(false);
    const nonce = endpoint.sharedNonce ?? (await this.#endpointNow(true)).sharedNonce;
    if (nonce === undefined) {
      throw new HarnessError('USAGE', `worker --shared-folder ${root}: the coordinator of round ${this.#roundId} was started without --shared-folder`, {
        hint: 'start serve-round with --shared-folder as well, or leave --shared-folder out here to send evidence over HTTP',
      });
    }
    if (this.#checkedNonce !== nonce) {
      await checkSharedFolder(root, this.#roundId, nonce);
      this.#checkedNonce = nonce;
    }
    signal.throwIfAborted();
    await placeInSharedFolder(file, sharedEvidencePath(root, this.#roundId, stagingKeyOf(query.jobId, query.token, query.attempt), query.path));
    const response = await this.#request('POST', '/evidence/shared', JSON.stringify(query), signal, {}, [409]);
    return response.status === 200;
  }

  async #endpointNow(refresh: boolean): Promise<Endpoint> {
    if (this.#endpoint !== undefined && !refresh) return this.#endpoint;
    const fields = await this.#redis.hgetall(coordinatorKeyOf(this.#roundId));
    if (fields['url'] === undefined || fields['token'] === undefined) {
      throw new HarnessError('QUEUE_UNAVAILABLE', `no coordinator has announced round ${this.#roundId} in Redis`, { hint: 'start `stalkerbench serve-round` for this round first' });
    }
    this.#endpoint = { url: this.#urlOverride ?? fields['url'], token: fields['token'], sharedNonce: fields['sharedNonce'] };
    return this.#endpoint;
  }

  async #request(method: string, path: string, body: string | (() => NodeJS.ReadableStream) | undefined, signal: AbortSignal, headers: Record<string, string> = {}, passStatuses: number[] = []): Promise<Response> {
    const deadline = Date.now() + REACH_BUDGET_MS;
    let refresh = false;
    let lastProblem = '';
    for (let attempt = 0; ; attempt += 1) {
      signal.throwIfAborted();
      try {
        const endpoint = await this.#endpointNow(refresh);
        const payload = typeof body === 'function' ? body() : body;
        const response = await fetch(`${endpoint.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${endpoint.token}`, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(payload === undefined ? {} : { body: payload, duplex: 'half' }),
          signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
        } as RequestInit);
        if (response.ok || passStatuses.includes(response.status)) return response;
        lastProblem = `${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`;
        // 401: the coordinator restarted with a new token; 5xx: it is in trouble. Both are retried.
        if (response.status !== 401 && response.status < 500) {
          throw new HarnessError('QUEUE_UNAVAILABLE', `the coordinator refused ${lastProblem}`, { hint: 'check that the worker and coordinator run the same stalkerbench version' });
        }
      } catch (error) {
        if (error instanceof HarnessError && error.code === 'QUEUE_UNAVAILABLE' && lastProblem.startsWith(`${method} ${path}: HTTP 4`) && !lastProblem.includes('HTTP 401')) throw error;
        if (signal.aborted) throw error;
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      refresh = true;
      if (Date.now() > deadline) {
        throw new HarnessError('QUEUE_UNAVAILABLE', `cannot reach the coordinator of round ${this.#roundId} for ${method} ${path}: ${lastProblem}`, {
          hint: 'check that serve-round still runs and that this host can reach its address (firewall, --listen, --advertise)',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 5_000)));
    }
  }
}
