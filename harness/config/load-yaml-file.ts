import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { HarnessError } from '../errors/index.ts';
import { configErrorMap, describeIssues } from './describe-issue.ts';
import { displayPathOf } from './display-path.ts';
import { readConfigText } from './read-config-text.ts';
import { refuseTodoMarkers } from './todo-markers.ts';
import { createYamlSource, type YamlSource } from './yaml-source.ts';

export interface LoadOptions {
  /** Directory that relative paths (and the paths printed in errors) are relative to. @default process.cwd() */
  cwd?: string;
}

export interface LoadedYaml<T> {
  value: T;
  source: YamlSource;
}

export { displayPathOf } from './display-path.ts';
export { MAX_CONFIG_BYTES, readConfigText } from './read-config-text.ts';

/**
 * Reads a YAML file and validates it against `schema`, reporting every problem in the file at
 * once: YAML syntax errors as YAML_SYNTAX, schema problems as CONFIG_INVALID, each detail line as
 * `path/to/file.yaml:12 products[2].scan[0].tap: expected a selector`.
 */
export async function loadYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  what: string,
  options: LoadOptions = {},
): Promise<LoadedYaml<z.output<S>>> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const displayPath = displayPathOf(absolute, cwd);
  const text = await readConfigText(absolute, what, cwd);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const details = document.errors.map((error) => {
      const line = lineCounter.linePos(error.pos[0]).line;
      return `${displayPath}:${line} ${error.message.split('\n')[0] ?? error.code}`;
    });
    throw new HarnessError('YAML_SYNTAX', `${displayPath}: invalid YAML in ${what} (${details.length} problem${details.length === 1 ? '' : 's'})`, {
      details,
      hint: 'fix the YAML syntax at the line shown (indentation, a missing colon, an unclosed quote or bracket)',
    });
  }
  const source = createYamlSource(absolute, displayPath, document, lineCounter);
  const plain = toPlainValue(document, displayPath, what);
  refuseTodoMarkers(plain, source, what);
  const result = schema.safeParse(plain, { error: configErrorMap });
  if (!result.success) {
    const details = describeIssues(result.error.issues, source);
    throw new HarnessError(
      'CONFIG_INVALID',
      `${displayPath}: ${details.length} problem${details.length === 1 ? '' : 's'} in ${what}`,
      { details, hint: 'fix each line above; scenarios/README.md describes every field' },
    );
  }
  return { value: result.data as z.output<S>, source };
}

/**
 * Aliases expand when the document becomes plain data; nested ones grow exponentially ("billion
 * laughs"), and yaml stops at `maxAliasCount` with a ReferenceError, reported here as the file's
 * problem rather than an internal error.
 */
function toPlainValue(document: Document, displayPath: string, what: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new HarnessError('CONFIG_INVALID', `${displayPath}: ${what} expands its aliases (*name) too far: ${error.message}`, {
        cause: error,
        hint: `write the repeated parts out, or use fewer nested aliases (at most ${MAX_ALIAS_COUNT} alias expansions)`,
      });
    }
    throw error;
  }
}

/** yaml's own bound on alias expansions; far above what a hand-written file uses. */
const MAX_ALIAS_COUNT = 1000;
