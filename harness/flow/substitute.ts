import { HarnessError } from '../errors/index.ts';
import { registerSecret } from './secrets.ts';

/** `${name}` (a parameter of a sub-flow) or `${env:NAME}` (a variable of the run's environment). */
const REFERENCE = /\$\{(env:)?([A-Za-z_][\w]*)\}/g;

/** Every `${name}` (parameters, not env) in a value's strings, deeply. */
export function paramReferences(value: unknown, found = new Set<string>()): Set<string> {
  visitStrings(value, (text) => {
    for (const match of text.matchAll(REFERENCE)) if (!match[1] && match[2]) found.add(match[2]);
  });
  return found;
}

/** Every `${env:NAME}` in a value's strings, deeply. */
export function envReferences(value: unknown, found = new Set<string>()): Set<string> {
  visitStrings(value, (text) => {
    for (const match of text.matchAll(REFERENCE)) if (match[1] && match[2]) found.add(match[2]);
  });
  return found;
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) visitStrings(item, visit);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) visitStrings(item, visit);
}

function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, map)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)])) as T;
  }
  return value;
}

/**
 * Replaces `${name}` with the sub-flow's parameters in every string of `value`; `${env:NAME}` is left
 * for resolveEnv. A parameter the call does not give fails the step (the loader checks this first).
 */
export function substituteParams<T>(value: T, params: Readonly<Record<string, string>>, where: string): T {
  return mapStrings(value, (text) =>
    text.replace(REFERENCE, (whole, env: string | undefined, name: string) => {
      if (env) return whole;
      const given = params[name];
      if (given === undefined) throw new HarnessError('FLOW_STEP_FAILED', `${where}: no parameter ${name} was given (\${${name}})`, { hint: 'add it to the params of the run step that calls this flow' });
      return given;
    }),
  );
}

/**
 * Replaces `${env:NAME}` with the variable from the run's environment in every string of `value`.
 * Each value is registered as a secret first, so that logs, evidence and results redact it.
 */
export function resolveEnv<T>(value: T, env: Readonly<Record<string, string | undefined>>, where: string): T {
  return mapStrings(value, (text) =>
    text.replace(REFERENCE, (whole, isEnv: string | undefined, name: string) => {
      if (!isEnv) return whole;
      const secret = env[name];
      if (secret === undefined) {
        throw new HarnessError('CONFIG_INVALID', `${where}: the environment variable ${name} (\${env:${name}}) is not set`, { hint: `set ${name} in the environment of the run` });
      }
      registerSecret(secret);
      return secret;
    }),
  );
}
