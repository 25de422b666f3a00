import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/index.ts';
import { loadProductProfile } from './load-product-profile.ts';

const HEAD = `id: demo
vendor: Demo
name: Demo
package: com.demo.app
apk: { file: demo.apk, sha256: ${'a'.repeat(64)} }
results: { item: { id: com.demo.app:id/row }, threatName: { id: com.demo.app:id/name }, noThreats: { text: Clean } }
alerts: { notificationPatterns: none }
`;

async function rejection(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof HarnessError)) throw new Error(`expected a HarnessError, got ${String(error)}`);
  return error;
}

describe('named flows, use: snippets and run calls', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sb-flows-'));
    await mkdir(path.join(dir, 'products'));
    await mkdir(path.join(dir, 'snippets'));
  });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('makes the flows of a snippet callable, with parameters and environment variables', async () => {
    await writeFile(path.join(dir, 'snippets', 'sign-in.yaml'), 'flows:\n  signIn:\n    - type: { into: { desc: Email }, text: "${user}" }\n');
    await writeFile(path.join(dir, 'products', 'demo.yaml'), `${HEAD}use: [../snippets/sign-in.yaml]
flows:
  onboarding:
    - run: { flow: signIn, params: { user: "\${env:LAB_USER}" } }
    - run: skipTour
  skipTour:
    - tapIfPresent: { text: Skip }
  scan:
    - tap: { text: Scan }
`);
    const product = await loadProductProfile(path.join(dir, 'products', 'demo.yaml'), { cwd: dir, env: { LAB_USER: 'x' } });
    expect(Object.keys(product.namedFlows).sort()).toEqual(['onboarding', 'scan', 'signIn', 'skipTour', 'update']);
    expect(product.namedFlows['signIn']).toEqual([{ action: 'type', args: { into: { desc: 'Email' }, text: '${user}' } }]);
  });

  it('refuses unknown names, cycles, missing parameters and unset variables with file and line', async () => {
    await writeFile(path.join(dir, 'snippets', 'loop.yaml'), 'flows:\n  a:\n    - run: b\n  b:\n    - if: { visible: { text: X } }\n      then:\n        - run: a\n');
    await writeFile(path.join(dir, 'products', 'demo.yaml'), `${HEAD}use: [../snippets/loop.yaml]
flows:
  onboarding:
    - run: skiptour
    - run: needsUser
  needsUser:
    - type: { into: { desc: Email }, text: "\${user}" }
  scan:
    - run: a
    - type: { into: { desc: Key }, text: "\${env:LICENCE_KEY}" }
  dismisAlert:
    - back
`);
    const error = await rejection(loadProductProfile(path.join(dir, 'products', 'demo.yaml'), { cwd: dir, env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.details).toEqual(expect.arrayContaining([
      expect.stringMatching(/^products\/demo\.yaml:11 flows\.onboarding\[0\]\.run: no flow is called skiptour; flows here: /),
      expect.stringMatching(/^products\/demo\.yaml:12 flows\.onboarding\[1\]\.run: flow needsUser uses \$\{user\}; give it under params/),
      expect.stringMatching(/^snippets\/loop\.yaml:7 flows\.b\[0\]\.then\[0\]\.run: flows call each other in a cycle: a → b → a/),
      expect.stringMatching(/^products\/demo\.yaml:\d+ flows\.scan: \$\{env:LICENCE_KEY\} names an environment variable that is not set/),
      expect.stringMatching(/^products\/demo\.yaml:\d+ flows\.dismisAlert: no step runs this flow; did you mean 'dismissAlert'\?/),
    ]));
    expect(error.details).toHaveLength(5);
  });
});
