/** A node of the UI hierarchy (an app reading its own EditText or CheckBox as shown). */
import type { UiNode } from '../ui/index.ts';

export function findNode(node: UiNode, predicate: (node: UiNode) => boolean): UiNode | undefined {
  if (predicate(node)) return node;
  for (const child of node.children) {
    const found = findNode(child, predicate);
    if (found) return found;
  }
  return undefined;
}
