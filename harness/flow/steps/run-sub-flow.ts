import { z } from 'zod';
import { HarnessError } from '../../errors/index.ts';
import { defineStep } from '../define-step.ts';
import { substituteParams } from '../substitute.ts';

export const FLOW_NAME = /^[a-zA-Z][\w-]*$/;
const flowNameSchema = z.string().regex(FLOW_NAME, 'flow names are simple words like signIn or skip-tour');

/**
 * Run a named flow of the profile (or of a `use:` snippet): `- run: signIn` or
 * `- run: { flow: signIn, params: { user: "${env:LAB_USER}" } }`; `${user}` in the flow's step strings
 * becomes the parameter. Unknown names, missing parameters and cycles are refused when the profile loads.
 */
export const runSubFlowStep = defineStep({
  name: 'run',
  args: z.union([flowNameSchema, z.strictObject({ flow: flowNameSchema, params: z.record(z.string().regex(/^[A-Za-z_]\w*$/, 'parameter names are simple words like user'), z.string()).default({}) })], {
    error: () => 'expected a flow name or { flow: name, params: { key: value } }',
  }),
  run: async (context, args, where) => {
    const call = typeof args === 'string' ? { flow: args, params: {} } : args;
    const steps = context.flows?.[call.flow];
    if (!steps) throw new HarnessError('FLOW_STEP_FAILED', `${where}: no flow is called ${call.flow}`, { hint: 'name a flow of the profile or of a file it lists under use:' });
    await context.runSteps(substituteParams(steps, call.params, where), call.flow);
  },
});
