import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

/** A path into a configuration document, as zod reports it: keys and list indices. */
export type ConfigPath = ReadonlyArray<PropertyKey>;

/**
 * Where a parsed YAML file came from, and how to point at a line in it. Errors name the file
 * relative to the working directory and the line of the node at fault.
 */
export interface YamlSource {
  /** Absolute path of the file. */
  readonly file: string;
  /** The path as error messages print it (relative to the working directory when inside it). */
  readonly displayPath: string;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: ConfigPath): number;
  /** 1-based line of the key `key` of the mapping at `path` (for unknown keys). */
  lineOfKey(path: ConfigPath, key: string): number;
  /** `file:line` for the node at `path`. */
  locate(path: ConfigPath): string;
  /** The scalar written at exactly `path` (a string, number, …), or undefined (absent, a mapping or a list). */
  scalarAt?(path: ConfigPath): unknown;
}

export function createYamlSource(
  file: string,
  displayPath: string,
  document: Document,
  lineCounter: LineCounter,
): YamlSource {
  const lineAt = (node: Node | undefined): number => {
    const offset = node?.range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
  const nearestNode = (path: ConfigPath): Node | undefined => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = findNode(document, path.slice(0, depth));
      if (node) return node;
    }
    return undefined;
  };
  const source: YamlSource = {
    file,
    displayPath,
    lineOf: (path) => lineAt(nearestNode(path)),
    lineOfKey(path, key) {
      const parent = findNode(document, path);
      if (isMap(parent)) {
        for (const pair of parent.items) {
          if (isPair(pair) && isNode(pair.key) && scalarValue(pair.key) === key) return lineAt(pair.key);
        }
      }
      return source.lineOf(path);
    },
    locate: (path) => `${displayPath}:${source.lineOf(path)}`,
    scalarAt: (path) => {
      const node = findNode(document, path);
      return node === undefined ? undefined : scalarValue(node);
    },
  };
  return source;
}

function scalarValue(node: Node): unknown {
  return isScalar(node) ? node.value : undefined;
}

function findNode(document: Document, path: ConfigPath): Node | undefined {
  let current: unknown = document.contents;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isNode(item.key) && String(scalarValue(item.key)) === String(segment));
      if (!pair) return undefined;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      current = current.items[segment];
    } else {
      return undefined;
    }
  }
  return isNode(current) ? current : undefined;
}

/** `products[2].scan[0].tap`, or `(root)` for the document itself. */
export function formatConfigPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}
