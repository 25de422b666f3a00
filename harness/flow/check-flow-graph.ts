import type { ParsedStep } from './context.ts';
import { paramReferences } from './substitute.ts';

/** A path into a flow as YAML has it: `[2, 'then', 0, 'run']`. */
export type StepPath = ReadonlyArray<string | number>;

/** A named flow and where its steps are written. */
export interface NamedFlow {
  steps: readonly ParsedStep[];
  /** Which file holds it (the profile or a `use:` snippet), for messages. */
  origin: string;
}

export interface FlowGraphProblem {
  flow: string;
  /** Path inside the flow's list. */
  path: StepPath;
  message: string;
}

/** The flows a round runs without being called, with no parameters. */
export const WELL_KNOWN_FLOWS = ['onboarding', 'update', 'scan', 'results', 'dismissAlert', 'remediate'] as const;

function isStepList(value: unknown): value is ParsedStep[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'object' && item !== null && typeof (item as { action?: unknown }).action === 'string');
}

/**
 * Every step of a list with its YAML path, nested lists included: `then`/`else`/`cases` written beside
 * a step (parsed onto it) and lists inside its arguments (`repeat`'s `steps`, under the action key).
 */
export function* walkSteps(steps: readonly ParsedStep[], base: StepPath = []): Generator<{ step: ParsedStep; path: StepPath }> {
  for (const [index, step] of steps.entries()) {
    const path = [...base, index];
    yield { step, path };
    for (const [key, value] of Object.entries(step)) {
      if (key === 'action' || key === 'timeoutMs') continue;
      yield* walkValue(value, [...path, key === 'args' ? step.action : key]);
    }
  }
}

function* walkValue(value: unknown, path: StepPath): Generator<{ step: ParsedStep; path: StepPath }> {
  if (isStepList(value)) {
    yield* walkSteps(value, path);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* walkValue(item, [...path, index]);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* walkValue(item, [...path, key]);
  }
}

function callOf(step: ParsedStep): { flow: string; params: Record<string, string> } | undefined {
  if (step.action !== 'run') return undefined;
  const args = step.args as string | { flow: string; params?: Record<string, string> };
  return typeof args === 'string' ? { flow: args, params: {} } : { flow: args.flow, params: args.params ?? {} };
}

/**
 * Checks the `run` calls between named flows: every name exists (with a "did you mean"), every
 * `${param}` the called flow uses is given, the well-known flows use no parameters, and no flow
 * calls itself through a cycle (the message names the cycle: `signIn → retry → signIn`).
 */
export function checkFlowGraph(flows: ReadonlyMap<string, NamedFlow>, suggest: (name: string, among: readonly string[]) => string | undefined): FlowGraphProblem[] {
  const problems: FlowGraphProblem[] = [];
  const names = [...flows.keys()];
  const calls = new Map<string, Array<{ callee: string; path: StepPath }>>();
  for (const [name, { steps }] of flows) {
    const list: Array<{ callee: string; path: StepPath }> = [];
    for (const { step, path } of walkSteps(steps)) {
      if (step.action === 'waitForFirst' && typeof step['cases'] === 'object' && step['cases'] !== null) {
        const screens = Object.keys(step.args as Record<string, unknown>);
        for (const screen of Object.keys(step['cases'])) {
          if (!screens.includes(screen)) problems.push({ flow: name, path: [...path, 'cases', screen], message: `names no screen of this waitForFirst (${screens.join(', ')})` });
        }
      }
      const call = callOf(step);
      if (!call) continue;
      const callee = flows.get(call.flow);
      if (!callee) {
        const near = suggest(call.flow, names);
        problems.push({ flow: name, path: [...path, 'run'], message: `no flow is called ${call.flow}${near ? ` (did you mean '${near}'?)` : ''}; flows here: ${names.join(', ')}` });
        continue;
      }
      list.push({ callee: call.flow, path });
      const missing = [...paramReferences(callee.steps)].filter((param) => call.params[param] === undefined);
      if (missing.length > 0) {
        problems.push({ flow: name, path: [...path, 'run'], message: `flow ${call.flow} uses ${missing.map((param) => `\${${param}}`).join(', ')}; give ${missing.length === 1 ? 'it' : 'them'} under params` });
      }
    }
    calls.set(name, list);
  }
  for (const name of WELL_KNOWN_FLOWS) {
    const flow = flows.get(name);
    const used = flow ? [...paramReferences(flow.steps)] : [];
    if (used.length > 0) problems.push({ flow: name, path: [], message: `${used.map((param) => `\${${param}}`).join(', ')} in a flow the round runs itself, where no parameters are given; use \${env:NAME} for the environment` });
  }
  // Depth-first search; a callee on the current stack closes a cycle, reported once at its first call.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const { callee, path } of calls.get(name) ?? []) {
      if (state.get(callee) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(callee)), callee];
        const key = [...cycle].slice(0, -1).sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({ flow: name, path: [...path, 'run'], message: `flows call each other in a cycle: ${cycle.join(' → ')}` });
        }
      } else if (!state.has(callee)) {
        visit(callee);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of names) if (!state.has(name)) visit(name);
  return problems;
}
