/**
 * The session's element cache (`model/ElementsCache`): element ids handed to the client map to views.
 * Ids are UUIDs derived from the view's uid, so the same view always gets the same id (like
 * `AxNodeInfoHelper.toUuid`). An id never handed out is unknown (`no such element`, 404).
 *
 * A cached element is the view, not what it showed: `ElementsCache.get` refreshes the node, and when
 * the view is gone `restore()` gives up with `stale element reference` (404) — always for elements of
 * a FindElements answer (`!isSingleMatch`: "Cached elements '…' do not exist in DOM anymore"), and for a
 * single match when re-finding it by its locator gives another view ("not linked to the same object";
 * a view that is gone can never be found again, so here it is always stale).
 *
 * List rows are recycled (RecyclerView/ListView keep a few row views and rebind them while scrolling or
 * after the adapter's data changed): a row element whose item left the list shows another item — the
 * next one that came in, in order — under the same element id and resource id; with nothing to rebind
 * to, the row view is detached and stale.
 */
import { createHash } from 'node:crypto';
import type { UiNode } from '../ui/contracts.ts';
import { findNodeByUid } from './find-elements.ts';
import { noSuchElement, staleElement } from './uia2-error.ts';

export const W3C_ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** Adapter views whose rows are recycled (`RecyclerView.Recycler`, `AbsListView.RecycleBin`). */
const RECYCLING_LISTS: ReadonlySet<string> = new Set(['androidx.recyclerview.widget.RecyclerView', 'android.widget.ListView']);

export interface ElementReference {
  ELEMENT: string;
  [W3C_ELEMENT_KEY]: string;
}

/** Where a cached view sits in a recycling list, as it was when it was found. */
interface RowBinding {
  listUid: string;
  rowUid: string;
  /** The list's rows on screen when the element was found. */
  rowsAtFind: string[];
  /** The view's uid below its row (`''` for the row itself, `/title` for its title). */
  innerPath: string;
}

interface CachedElement {
  uid: string;
  locator: string;
  singleMatch: boolean;
  row: RowBinding | undefined;
}

export class ElementStore {
  #elements = new Map<string, CachedElement>();

  /**
   * Caches a view and returns its element reference. `singleMatch`: found by FindElement (restorable
   * by its locator) rather than FindElements; `root`: the hierarchy it was found in.
   */
  add(node: UiNode, locator: string, options: { singleMatch: boolean; root: UiNode }): ElementReference {
    const id = toElementId(node.uid);
    this.#elements.set(id, { uid: node.uid, locator, singleMatch: options.singleMatch, row: findRowBinding(options.root, node.uid) });
    return { ELEMENT: id, [W3C_ELEMENT_KEY]: id };
  }

  /** The view a cached element is now, in the current hierarchy. */
  resolve(id: string, root: UiNode): UiNode {
    const entry = this.#elements.get(id);
    if (!entry) throw noSuchElement(`The element identified by '${id}' is not present in the cache or has expired. Try to find it again`);
    const uid = entry.row ? reboundUid(root, entry.row) : entry.uid;
    const node = uid === undefined ? undefined : findNodeByUid(root, uid);
    if (node) return node;
    throw staleElement(entry.singleMatch
      ? `The element '${entry.locator}' does not exist in DOM anymore`
      : `Cached elements '${entry.locator}' do not exist in DOM anymore`);
  }

  /** Whether a cached element came from FindElement (true) or FindElements (false); undefined when unknown. */
  isSingleMatch(id: string): boolean | undefined {
    return this.#elements.get(id)?.singleMatch;
  }

  clear(): void {
    this.#elements.clear();
  }
}

/** The row binding of a view inside a recycling list's row, undefined elsewhere. */
function findRowBinding(root: UiNode, uid: string): RowBinding | undefined {
  const path = pathTo(root, uid);
  if (!path) return undefined;
  for (let i = path.length - 2; i >= 0; i--) {
    const list = path[i]!;
    if (!RECYCLING_LISTS.has(list.className)) continue;
    const row = path[i + 1]!;
    return { listUid: list.uid, rowUid: row.uid, rowsAtFind: list.children.map((child) => child.uid), innerPath: uid.slice(row.uid.length) };
  }
  return undefined;
}

/**
 * The uid the recycled row view now shows: its own row while that is on screen; once its item left,
 * the row that came in at the same turn (rows leave and arrive in order); undefined when the list is
 * gone or the row view sits unbound in the recycler.
 */
function reboundUid(root: UiNode, row: RowBinding): string | undefined {
  const list = findNodeByUid(root, row.listUid);
  if (!list) return undefined;
  const now = list.children.map((child) => child.uid);
  if (now.includes(row.rowUid)) return row.rowUid + row.innerPath;
  const left = row.rowsAtFind.filter((uid) => !now.includes(uid));
  const arrived = now.filter((uid) => !row.rowsAtFind.includes(uid));
  const target = arrived[left.indexOf(row.rowUid)];
  return target === undefined ? undefined : target + row.innerPath;
}

function pathTo(node: UiNode, uid: string): UiNode[] | undefined {
  if (node.uid === uid) return [node];
  for (const child of node.children) {
    const rest = pathTo(child, uid);
    if (rest) return [node, ...rest];
  }
  return undefined;
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
