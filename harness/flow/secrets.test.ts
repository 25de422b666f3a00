import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, registerSecret } from './secrets.ts';
import { resolveEnv } from './substitute.ts';

describe('secrets of the run', () => {
  it('resolves ${env:NAME} and redacts the value as written, XML-escaped (UI dumps) and JSON-escaped (results)', () => {
    const step = resolveEnv({ action: 'type', args: { text: 'key ${env:SECRET_KEY}' } }, { SECRET_KEY: 'K3Y-<&>"9' }, 'x step 1 (type)');
    expect(step.args.text).toBe('key K3Y-<&>"9');
    expect(redactSecrets('typed K3Y-<&>"9.')).toBe(`typed ${REDACTED}.`);
    expect(redactSecrets('<node text="K3Y-&lt;&amp;&gt;&quot;9" />')).toBe(`<node text="${REDACTED}" />`);
    expect(redactSecrets(JSON.stringify({ message: 'typed K3Y-<&>"9' }))).toBe(`{"message":"typed ${REDACTED}"}`);
  });

  it('ignores values too short to redact safely, and fails on an unset variable', () => {
    registerSecret('1');
    expect(redactSecrets('step 1 took 100 ms')).toBe('step 1 took 100 ms');
    expect(() => resolveEnv('${env:NOT_SET_ANYWHERE}', {}, 'x step 2 (type)')).toThrow(/NOT_SET_ANYWHERE.*is not set/);
  });
});
