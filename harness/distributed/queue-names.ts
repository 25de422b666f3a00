/**
 * Names shared by the coordinator and the workers. One BullMQ queue per round (so a worker serves
 * the round it was given and two rounds never mix) plus one per product with a licence limit, and
 * one Redis hash per round telling workers where the coordinator's file transfer listens.
 */

/** BullMQ queue of a round's cases (those of products without a licence limit). */
export function queueNameOf(roundId: string): string {
  return `stalkerbench-${roundId}`;
}

/**
 * BullMQ queue of the cases of a product the round limits (`limits.<product>.maxDevices`): its
 * global concurrency is that limit, so BullMQ's moveToActive hands out no more of its jobs at once
 * whichever workers ask. Ids never contain `.`, so no round's queue name equals another's.
 */
export function productQueueNameOf(roundId: string, productId: string): string {
  return `stalkerbench-${roundId}.${productId}`;
}

/** A round's queues: the round's own one first, then one per limited product with its limit. */
export function roundQueuesOf(round: { id: string; limits: Readonly<Record<string, { maxDevices: number }>> }): Array<{ name: string; productId?: string; maxDevices?: number }> {
  return [
    { name: queueNameOf(round.id) },
    ...Object.entries(round.limits).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([productId, limit]) => ({ name: productQueueNameOf(round.id, productId), productId, maxDevices: limit.maxDevices })),
  ];
}

/** The queue a product's cases go to. */
export function queueNameOfProduct(round: { id: string; limits: Readonly<Record<string, unknown>> }, productId: string): string {
  return Object.hasOwn(round.limits, productId) ? productQueueNameOf(round.id, productId) : queueNameOf(round.id);
}

/**
 * A case's job id: derived from round and case only, so that enqueueing a case twice (a restarted
 * coordinator, a second `serve-round`) adds nothing — BullMQ ignores an add whose id exists.
 * BullMQ refuses `:` in custom ids; round and case ids never contain one.
 */
export function jobIdOf(roundId: string, caseId: string): string {
  return `${roundId}/${caseId}`;
}

/** Redis hash: url, token, state (`running` | `finished`) of a round's coordinator. */
export function coordinatorKeyOf(roundId: string): string {
  return `stalkerbench:round:${roundId}`;
}

/** Redis set of the rounds a coordinator is serving now (a worker without `--round` takes the only one). */
export const ACTIVE_ROUNDS_KEY = 'stalkerbench:rounds:active';

/** Redis hash per worker (host, devices, case running, cases done), expiring unless refreshed. */
export function workerKeyOf(workerId: string): string {
  return `stalkerbench:worker:${workerId}`;
}

/** Data of a case's job. Large things (APKs, evidence) never travel through Redis. */
export interface CaseJobData {
  roundId: string;
  caseId: string;
}

/** A completed job's return value: which attempt decided the case. */
export interface CaseJobResult {
  caseId: string;
  /** The attempt the coordinator wrote as final; null when the case was already decided before this job ran. */
  finalAttempt: number | null;
}
