import { describe, expect, it } from 'vitest';
import { closestKey } from '../config/describe-issue.ts';
import { flowSchema } from '../config/flow-schema.ts';
import { checkFlowGraph, type NamedFlow } from './check-flow-graph.ts';

function graph(flows: Record<string, unknown[]>): Map<string, NamedFlow> {
  return new Map(Object.entries(flows).map(([name, steps]) => [name, { steps: flowSchema.parse(steps), origin: 'p.yaml' }]));
}

describe('run calls between named flows', () => {
  it('accepts calls with their parameters, nested in if and repeat', () => {
    const flows = graph({
      onboarding: [{ if: { visible: { text: 'Sign in' } }, then: [{ run: { flow: 'signIn', params: { user: 'lab' } } }] }],
      scan: [{ repeat: { times: 2, steps: [{ run: 'next' }] } }],
      signIn: [{ type: { into: { desc: 'User' }, text: '${user}' } }, { run: 'next' }],
      next: [{ tap: { text: 'Next' } }],
    });
    expect(checkFlowGraph(flows, closestKey)).toEqual([]);
  });

  it('names unknown flows with a suggestion, missing params, and cycles with their path', () => {
    const flows = graph({
      onboarding: [{ run: 'signin' }, { run: 'signIn' }, { type: { into: { desc: 'X' }, text: '${oops}' } }, { waitForFirst: { a: { text: 'A' }, b: { text: 'B' } }, cases: { c: ['back'] } }],
      scan: [{ if: { notVisible: { text: 'A' } }, then: [{ run: 'a' }] }],
      signIn: [{ type: { into: { desc: 'User' }, text: '${user}' } }],
      a: [{ run: 'b' }],
      b: [{ repeat: { times: 2, steps: [{ run: 'a' }] } }],
    });
    const problems = checkFlowGraph(flows, closestKey);
    expect(problems).toEqual(expect.arrayContaining([
      { flow: 'onboarding', path: [0, 'run'], message: expect.stringMatching(/^no flow is called signin \(did you mean 'signIn'\?\)/) },
      { flow: 'onboarding', path: [1, 'run'], message: expect.stringMatching(/flow signIn uses \$\{user\}/) },
      { flow: 'onboarding', path: [], message: expect.stringMatching(/\$\{oops\} in a flow the round runs itself/) },
      { flow: 'b', path: [0, 'repeat', 'steps', 0, 'run'], message: 'flows call each other in a cycle: a → b → a' },
      { flow: 'onboarding', path: [3, 'cases', 'c'], message: 'names no screen of this waitForFirst (a, b)' },
    ]));
    expect(problems).toHaveLength(5);
  });
});
