import path from 'node:path';
import { z } from 'zod';
import { HarnessError } from '../errors/index.ts';
import { checkFlowGraph, WELL_KNOWN_FLOWS, type NamedFlow } from '../flow/check-flow-graph.ts';
import { FLOW_NAME } from '../flow/steps/run-sub-flow.ts';
import { registerSecret } from '../flow/secrets.ts';
import { envReferences } from '../flow/substitute.ts';
import { closestKey } from './describe-issue.ts';
import { flowSchema, type Flow } from './flow-schema.ts';
import { loadYamlFile, type LoadOptions } from './load-yaml-file.ts';
import { formatConfigPath, type ConfigPath, type YamlSource } from './yaml-source.ts';

/** A snippet file (`use:` of a profile): named flows shared by several profiles. */
export const flowSnippetSchema = z.strictObject({
  /** Named flows, called with `- run: name` from the profiles that use this file. */
  flows: z.record(z.string().regex(FLOW_NAME, 'flow names are simple words like signIn or skip-tour'), flowSchema),
  notes: z.string().default(''),
});

interface Located extends NamedFlow {
  source: YamlSource;
}

export interface FlowCheckOptions extends LoadOptions {
  /** Where `${env:NAME}` must be set. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads a profile's `use:` snippets and checks every named flow together: flow names, names that
 * clash between files, `run` calls (unknown names, missing params, cycles) and `${env:NAME}` variables
 * the run's environment lacks. Every problem is CONFIG_INVALID with the file and line of the step.
 * Returns the flows of the profile and its snippets by name.
 */
export async function loadNamedFlows(profileFlows: Readonly<Record<string, Flow | undefined>>, use: readonly string[], source: YamlSource, options: FlowCheckOptions = {}): Promise<Record<string, Flow>> {
  const details: string[] = [];
  const flows = new Map<string, Located>();
  const where = (located: YamlSource, at: ConfigPath) => `${located.locate(at)}`;
  for (const [name, steps] of Object.entries(profileFlows)) {
    if (!steps) continue;
    if (!FLOW_NAME.test(name)) details.push(`${where(source, ['flows', name])} flows.${name}: flow names are simple words like signIn or skip-tour`);
    flows.set(name, { steps, origin: source.displayPath, source });
  }
  for (const [index, file] of use.entries()) {
    const absolute = path.resolve(path.dirname(source.file), file);
    const { value, source: snippet } = await loadYamlFile(absolute, flowSnippetSchema, 'flow snippet', options.cwd === undefined ? {} : { cwd: options.cwd });
    for (const [name, steps] of Object.entries(value.flows)) {
      const earlier = flows.get(name);
      if (earlier) {
        details.push(`${where(snippet, ['flows', name])} flows.${name}: a flow of this name is also in ${earlier.origin} (use[${index}] ${file}); rename one`);
        continue;
      }
      flows.set(name, { steps, origin: snippet.displayPath, source: snippet });
    }
  }
  const called = new Set<string>();
  for (const { steps } of flows.values()) for (const match of JSON.stringify(steps).matchAll(/"action":"run","args":(?:"([\w-]+)"|\{"flow":"([\w-]+)")/g)) called.add(match[1] ?? match[2] ?? '');
  for (const name of Object.keys(profileFlows)) {
    if ((WELL_KNOWN_FLOWS as readonly string[]).includes(name) || called.has(name)) continue;
    const near = closestKey(name, WELL_KNOWN_FLOWS);
    if (near) details.push(`${where(source, ['flows', name])} flows.${name}: no step runs this flow; did you mean '${near}'?`);
  }
  for (const problem of checkFlowGraph(flows, closestKey)) {
    const located = flows.get(problem.flow);
    if (located) details.push(`${where(located.source, ['flows', problem.flow, ...problem.path])} ${formatConfigPath(['flows', problem.flow, ...problem.path])}: ${problem.message}`);
  }
  const env = options.env ?? process.env;
  for (const [name, { steps, source: located }] of flows) {
    for (const variable of envReferences(steps)) {
      const value = env[variable];
      // Registered now, so that whatever this process writes (the round log, results.jsonl) is redacted
      // even before a step types it, and in a coordinator that never runs the step itself.
      if (value !== undefined) registerSecret(value);
      if (value === undefined) details.push(`${where(located, ['flows', name])} flows.${name}: \${env:${variable}} names an environment variable that is not set; set ${variable} for the run`);
    }
  }
  if (details.length > 0) {
    throw new HarnessError('CONFIG_INVALID', `${source.displayPath}: ${details.length} problem${details.length === 1 ? '' : 's'} in the product profile's flows`, {
      details,
      hint: 'fix each line above; scenarios/README.md ("Flow steps") describes run, use: and parameters',
    });
  }
  return Object.fromEntries([...flows].map(([name, { steps }]) => [name, steps as Flow]));
}
