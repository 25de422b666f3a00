import { describe, expect, it } from 'vitest';
import type { UiNode } from '../ui/contracts.ts';
import { ElementStore, W3C_ELEMENT_KEY } from './element-store.ts';

function node(uid: string, className: string, text: string, children: UiNode[] = []): UiNode {
  return {
    uid, className, packageName: 'p', text, resourceId: '', contentDesc: '', checkable: false, checked: false, clickable: false,
    enabled: true, focusable: false, focused: false, longClickable: false, password: false, scrollable: false, selected: false,
    bounds: [0, 0, 1, 1], displayed: true, children,
  };
}

/** A results screen whose RecyclerView shows the items `shown` (rows keyed by item, as the simulator lays them out). */
function screen(shown: string[], window = 'a1'): UiNode {
  const rows = shown.map((item) => node(`${window}/list/row:${item}`, 'android.widget.LinearLayout', '', [node(`${window}/list/row:${item}/title`, 'android.widget.TextView', item)]));
  return node('hierarchy', 'hierarchy', '', [node(`${window}/root`, 'android.widget.FrameLayout', '', [
    node(`${window}/header`, 'android.widget.TextView', 'Results'),
    node(`${window}/list`, 'androidx.recyclerview.widget.RecyclerView', '', rows),
  ])]);
}

function titleOf(root: UiNode, item: string): UiNode {
  const found = root.children[0]!.children[1]!.children.find((row) => row.children[0]!.text === item);
  return found!.children[0]!;
}

describe('ElementStore (ElementsCache)', () => {
  it('a row element shows another item after the list scrolled its item away (recycled row), under the same id', () => {
    const store = new ElementStore();
    const first = screen(['A', 'B', 'C']);
    const ref = store.add(titleOf(first, 'A'), 'By.id: title', { singleMatch: false, root: first });
    const id = ref[W3C_ELEMENT_KEY];
    expect(store.resolve(id, first).text).toBe('A');
    expect(store.resolve(id, screen(['B', 'C', 'D'])).text).toBe('D');
    // Scrolled by one row only: B's row view is still bound to B.
    const rowB = store.add(titleOf(first, 'B'), 'By.id: title', { singleMatch: false, root: first });
    expect(store.resolve(rowB[W3C_ELEMENT_KEY], screen(['B', 'C', 'D'])).text).toBe('B');
  });

  it('is stale when its row view has nothing to rebind to, or its screen is gone', () => {
    const store = new ElementStore();
    const first = screen(['A', 'B']);
    const id = store.add(titleOf(first, 'A'), 'By.id: title', { singleMatch: false, root: first })[W3C_ELEMENT_KEY];
    expect(() => store.resolve(id, screen(['B']))).toThrow(expect.objectContaining({ error: 'stale element reference', status: 404 }));
    expect(() => store.resolve(id, screen(['A', 'B'], 'a2'))).toThrow(expect.objectContaining({ error: 'stale element reference' }));
  });

  it('a view outside lists stays the same element while its text changes; an unknown id is no such element', () => {
    const store = new ElementStore();
    const first = screen([]);
    const header = first.children[0]!.children[0]!;
    const id = store.add(header, 'By.id: header', { singleMatch: true, root: first })[W3C_ELEMENT_KEY];
    const changed = screen([]);
    changed.children[0]!.children[0]!.text = 'Results (2)';
    expect(store.resolve(id, changed).text).toBe('Results (2)');
    expect(store.isSingleMatch(id)).toBe(true);
    expect(() => store.resolve('nope', first)).toThrow(expect.objectContaining({ error: 'no such element' }));
  });
});
