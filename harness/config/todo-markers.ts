import { HarnessError } from '../errors/index.ts';
import { formatConfigPath, type ConfigPath, type YamlSource } from './yaml-source.ts';

/**
 * A value still to be filled in: any string that starts with `TODO` (upper case), as
 * `stalkerbench new-product` writes them into a scaffolded profile. Comments may say TODO freely;
 * only values count.
 */
export const TODO_MARKER = /^TODO\b/;

/** Every path in a plain YAML value whose string (or mapping key) is a TODO marker, in document order. */
export function findTodoMarkers(value: unknown, path: ConfigPath = []): Array<{ path: ConfigPath; text: string }> {
  const found: Array<{ path: ConfigPath; text: string }> = [];
  // Iterative: a hostile depth must not exhaust the stack.
  // A mapping key (a string) is pushed right above its value, so markers come in document order.
  const stack: Array<[unknown, ConfigPath]> = [[value, path]];
  while (stack.length > 0) {
    const [current, at] = stack.pop()!;
    if (typeof current === 'string') {
      if (TODO_MARKER.test(current)) found.push({ path: at, text: current });
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) stack.push([current[index], [...at, index]]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current as Record<string, unknown>);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index]!;
        stack.push([child, [...at, key]], [key, [...at, key]]);
      }
    }
  }
  return found;
}

/**
 * Refuses a configuration file that still holds TODO markers, one `file:line field: text` line each,
 * before its schema is checked: a scaffold must never pass for a working profile, and its markers
 * say what to fill in better than the schema problems they would also cause.
 */
export function refuseTodoMarkers(value: unknown, source: YamlSource, what: string): void {
  const markers = findTodoMarkers(value);
  if (markers.length === 0) return;
  throw new HarnessError('CONFIG_INVALID', `${source.displayPath}: ${what} is a scaffold with ${markers.length} TODO marker${markers.length === 1 ? '' : 's'} left to fill in`, {
    details: markers.map((marker) => `${source.locate(marker.path)} ${formatConfigPath(marker.path)}: ${marker.text.slice(0, 200)}`),
    hint: 'replace each TODO with what the app really shows (`stalkerbench inspect-ui` prints the screen with a selector for every element; `stalkerbench try-flow` runs one flow), then validate again',
  });
}
