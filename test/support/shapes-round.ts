/**
 * A round on the virtual emulator for the results-shapes and remediation tests: the given ShapeGuard
 * profiles (test/fixtures/shapes/products/) against TheTruthSpy's stand-in (set up as an abuser does:
 * its own screen, then accessibility, notification access and device admin) or a clean app, on-demand,
 * fast mode, run in process through `run`. Outcomes by `<productId>/<sampleId>`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile } from '../../harness/config/index.ts';
import type { AttemptResult } from '../../harness/results/index.ts';
import { REPO_ROOT } from '../../simulator/sdk/index.ts';
import { runRoundFile, THETRUTHSPY_APK, THETRUTHSPY_SETUP, type RoundHome } from './one-sample-round.ts';

export const SHAPES_PRODUCTS = join(REPO_ROOT, 'test/fixtures/shapes/products');
const POCKET_NOTES_APK = join(REPO_ROOT, 'scenarios/apks/clean-pocket-notes.apk');

export interface ShapesRoundOptions {
  id: string;
  /** Profile file names in test/fixtures/shapes/products, without `.yaml`. */
  products: readonly string[];
  /** `stalkerware`: TheTruthSpy set up with accessibility, notification access and device admin; `clean`: Pocket Notes. */
  sample: 'stalkerware' | 'clean';
  /** The round option `remediation`. @default false */
  remediation?: boolean;
}

export interface ShapesRoundRun {
  code: number;
  text: string;
  output: string;
  outcomes: Map<string, AttemptResult>;
}

/** TheTruthSpy's stand-in as a catalogue entry (its pin read from the fixture), up to its set-up steps. */
export async function theTruthSpyEntry(): Promise<string[]> {
  return [
    '  - id: thetruthspy',
    `    file: ${THETRUTHSPY_APK}`,
    `    sha256: ${await hashFile(THETRUTHSPY_APK)}`,
    '    package: com.systemservice',
    '    kind: stalkerware',
    '    family: TheTruthSpy',
    '    label: System Service',
    '    setup:',
    ...THETRUTHSPY_SETUP,
  ];
}

export async function runShapesRound(roundHome: RoundHome, options: ShapesRoundOptions): Promise<ShapesRoundRun> {
  const dir = roundHome.home.home;
  const catalogue = join(dir, `${options.id}-catalogue.yaml`);
  const sample = options.sample === 'stalkerware'
    ? [
      ...await theTruthSpyEntry(),
      '      - enableAccessibilityService: .service.SystemAccessibilityService',
      '      - enableNotificationListener: .service.NotificationSyncService',
      '      - enableDeviceAdmin: .receiver.DeviceAdminReceiver',
    ]
    : [
      '  - id: pocket-notes',
      `    file: ${POCKET_NOTES_APK}`,
      `    sha256: ${await hashFile(POCKET_NOTES_APK)}`,
      '    package: org.example.pocketnotes',
      '    kind: clean',
      '    family: Pocket Notes',
    ];
  await writeFile(catalogue, [`title: One sample for the ${options.id} round`, 'samples:', ...sample, ''].join('\n'));
  const roundFile = join(dir, `${options.id}.yaml`);
  await writeFile(roundFile, [
    `id: ${options.id}`,
    `title: ${options.id}`,
    `products: [${options.products.map((name) => join(SHAPES_PRODUCTS, `${name}.yaml`)).join(', ')}]`,
    'samples:',
    `  - catalogue: ${catalogue}`,
    '    select: all',
    'devices: [pixel-api33]',
    `modes: [${options.sample === 'clean' ? 'false-positive' : 'on-demand'}]`,
    'repetitions: 1',
    'timeouts: { caseMs: 240000, stepMs: 10000, alertWatchMs: 5000 }',
    'retries: { infra: 0 }',
    'concurrency: 1',
    'appium: local',
    'detection: { categories: [], namePatterns: [] }',
    ...(options.remediation ? ['remediation: true'] : []),
    'deviceSettings: { global: { stalkerbench_fast_apps: "1" } }',
    '',
  ].join('\n'));
  return runRoundFile(roundHome, roundFile, join(dir, `${options.id}-out`), (planned) => `${planned.productId}/${planned.sampleId}`);
}
