import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { HarnessError } from '../errors/index.ts';
import { configErrorMap, describeIssues } from './describe-issue.ts';
import { createYamlSource, type YamlSource } from './yaml-source.ts';

export interface LoadOptions {
  /** Directory that relative paths (and the paths printed in errors) are relative to. @default process.cwd() */
  cwd?: string;
}

export interface LoadedYaml<T> {
  value: T;
  source: YamlSource;
}

/** The path as messages print it: relative to `cwd` when the file is inside it. */
export function displayPathOf(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Reads a file as UTF-8; a missing file is CONFIG_NOT_FOUND naming what was asked for. */
export async function readConfigText(file: string, what: string, cwd: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new HarnessError('CONFIG_NOT_FOUND', `${what} not found: ${displayPathOf(file, cwd)}`, {
        cause: error,
        hint: 'check the path (relative paths are resolved against the current directory or the referring file)',
      });
    }
    throw error;
  }
}

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
  const result = schema.safeParse(document.toJS({ maxAliasCount: 1000 }), { error: configErrorMap });
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
