/**
 * A small round on the virtual emulator for one issue's round test: its own HOME, virtual SDK and port
 * block, TheTruthSpy's stand-in as the only sample, fast mode, run in process through `run`. Keeps the
 * round tests that check one rule (an overlay alert, a dropped notification, a long results list) to
 * what they assert.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIo } from '../../harness/cli/command.ts';
import { runCommand } from '../../harness/cli/run.ts';
import { finalOutcomes, readResults, readRoundFile, type AttemptResult, type PlannedCase } from '../../harness/results/index.ts';
import { REPO_ROOT, writeVirtualSdk } from '../../simulator/sdk/index.ts';
import { createTestHome, type TestHome } from './test-home.ts';

export const THETRUTHSPY_APK = join(REPO_ROOT, 'scenarios/apks/stalkerware-thetruthspy.apk');

/** TheTruthSpy's own setup screen, as the demo catalogue drives it. */
export const THETRUTHSPY_SETUP = [
  '      - grantRuntimePermissions: all',
  '      - launch: true',
  '      - type: { into: { id: "com.systemservice:id/account_email" }, text: abuser@example.org }',
  '      - type: { into: { id: "com.systemservice:id/account_password" }, text: demo-password }',
  '      - tap: { id: "com.systemservice:id/start_monitoring" }',
  '      - waitFor: { text: Monitoring started }',
  '        timeoutMs: 10000',
];

export interface RoundHome {
  home: TestHome;
  env: Record<string, string>;
}

/** A HOME, a virtual SDK and the environment of `run`, with the test's own port block. */
export async function createRoundHome(portBase: number): Promise<RoundHome> {
  const home = await createTestHome();
  const sdk = await writeVirtualSdk({ avdHome: home.avdHome });
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home.home, TMPDIR: home.tmp, ANDROID_HOME: sdk.androidHome, ANDROID_AVD_HOME: sdk.avdHome,
    STALKERBENCH_PORT_BASE: String(portBase), CI: '1',
  };
  return { home, env };
}

export interface OneSampleRoundOptions {
  id: string;
  title: string;
  /** Product profile files. */
  products: readonly string[];
  modes: ReadonlyArray<'on-demand' | 'real-time'>;
  /** Set TheTruthSpy up through its own screen (THETRUTHSPY_SETUP); else install only. @default true */
  setup?: boolean;
  /** @default 5000 */
  alertWatchMs?: number;
  /** Catalogue lines of the sample after its label (setupVia, install, setup: …), instead of THETRUTHSPY_SETUP. */
  sampleLines?: readonly string[];
  /** More round deviceSettings.global entries (besides fast apps), e.g. { verifier_verify_adb_installs: '1' }. */
  globalSettings?: Readonly<Record<string, string>>;
}

export interface OneSampleRoundRun {
  code: number;
  /** Everything `run` printed, for failure messages. */
  text: string;
  output: string;
  /** The final attempt of each case, by `<productId>/<mode>`. */
  outcomes: Map<string, AttemptResult>;
}

/** Writes the catalogue and the round into the home, runs it and reads each case's final attempt. */
export async function runOneSampleRound(roundHome: RoundHome, options: OneSampleRoundOptions): Promise<OneSampleRoundRun> {
  const dir = roundHome.home.home;
  const sha256 = createHash('sha256').update(await readFile(THETRUTHSPY_APK)).digest('hex');
  const catalogue = join(dir, `${options.id}-catalogue.yaml`);
  await writeFile(catalogue, [
    `title: One sample for the ${options.id} round`,
    'samples:',
    '  - id: thetruthspy',
    `    file: ${THETRUTHSPY_APK}`,
    `    sha256: ${sha256}`,
    '    package: com.systemservice',
    '    kind: stalkerware',
    '    family: TheTruthSpy',
    '    label: System Service',
    ...(options.sampleLines ?? (options.setup ?? true ? ['    setup:', ...THETRUTHSPY_SETUP] : [])),
    '',
  ].join('\n'));
  const roundFile = join(dir, `${options.id}.yaml`);
  await writeFile(roundFile, [
    `id: ${options.id}`,
    `title: ${options.title}`,
    `products: [${options.products.join(', ')}]`,
    'samples:',
    `  - catalogue: ${catalogue}`,
    '    select: all',
    'devices: [pixel-api33]',
    `modes: [${options.modes.join(', ')}]`,
    'repetitions: 1',
    `timeouts: { caseMs: 240000, stepMs: 10000, alertWatchMs: ${options.alertWatchMs ?? 5000} }`,
    'retries: { infra: 0 }',
    'concurrency: 1',
    'appium: local',
    'detection: { categories: [], namePatterns: [] }',
    `deviceSettings: { global: ${JSON.stringify({ stalkerbench_fast_apps: '1', ...options.globalSettings })} }`,
    '',
  ].join('\n'));
  return runRoundFile(roundHome, roundFile, join(dir, `${options.id}-out`), (planned) => `${planned.productId}/${planned.mode}`);
}

/**
 * Runs a round file in process through `run` into `output` with the round home's environment, and
 * collects each case's final outcome under the key `keyOf` gives its planned case.
 */
export async function runRoundFile(
  roundHome: RoundHome, roundFile: string, output: string, keyOf: (planned: PlannedCase) => string,
): Promise<OneSampleRoundRun> {
  let text = '';
  const io: CliIo = { stdout: (t) => { text += t; }, stderr: (t) => { text += t; }, cwd: REPO_ROOT, env: roundHome.env };
  const code = await runCommand([roundFile, '--output', output], io);
  const round = await readRoundFile(output);
  const { results } = await readResults(output);
  const outcomes = new Map<string, AttemptResult>();
  for (const result of finalOutcomes(results).values()) {
    const planned = round.plan.cases.find((c) => c.caseId === result.caseId);
    if (planned !== undefined) outcomes.set(keyOf(planned), result);
  }
  return { code, text, output, outcomes };
}
