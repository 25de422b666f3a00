/**
 * The session's element cache: element ids handed to the client map to view uids. Ids are UUIDs derived
 * from the uid, so the same view always gets the same id (like AxNodeInfoHelper.toUuid). A cached element
 * whose view is gone is stale; an id never handed out is unknown.
 */
import { createHash } from 'node:crypto';
import type { UiNode } from '../ui/contracts.ts';
import { findNodeByUid } from './find-elements.ts';
import { noSuchElement, staleElement } from './uia2-error.ts';

export const W3C_ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementReference {
  ELEMENT: string;
  [W3C_ELEMENT_KEY]: string;
}

export class ElementStore {
  #uids = new Map<string, { uid: string; locator: string }>();

  /** Caches a view and returns its element reference. */
  add(node: UiNode, locator: string): ElementReference {
    const id = toElementId(node.uid);
    this.#uids.set(id, { uid: node.uid, locator });
    return { ELEMENT: id, [W3C_ELEMENT_KEY]: id };
  }

  /** The view of a cached element in the current hierarchy. */
  resolve(id: string, root: UiNode): UiNode {
    const entry = this.#uids.get(id);
    if (!entry) throw noSuchElement(`The element identified by '${id}' is not present in the cache or has expired. Try to find it again`);
    const node = findNodeByUid(root, entry.uid);
    if (!node) throw staleElement(`The element '${entry.locator}' does not exist in DOM anymore`);
    return node;
  }

  clear(): void {
    this.#uids.clear();
  }
}

export function toElementId(uid: string): string {
  const hex = createHash('sha1').update(uid).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The element id in a W3C or JSONWP element reference object, if it is one. */
export function readElementReference(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const id = record[W3C_ELEMENT_KEY] ?? record['ELEMENT'];
  return typeof id === 'string' ? id : undefined;
}
