import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ApkIdentity } from '../apk/index.ts';
import { protocolsFor, type ResolvedProduct, type ResolvedSample, type SetupStep } from '../config/index.ts';
import { EXIT, HarnessError } from '../errors/index.ts';
import type { CliIo, Command } from './command.ts';
import { checkRound, formatRoundSummary } from './validate.ts';

/** The demo round ships with the repository; it is found from this file, not from the cwd. */
const DEMO_ROUND = fileURLToPath(new URL('../../scenarios/rounds/demo.yaml', import.meta.url));

const HELP = `usage: stalkerbench demo

Checks the demo round (scenarios/rounds/demo.yaml) like \`stalkerbench validate\`, reads every APK
it names and prints what the round would run: each sample's identity and setup, each product's
flows, and the case protocol per mode. Running rounds is not part of this version yet; this
command does not start emulators or Appium.

options:
  -h, --help   show this help

exit codes:
  0  the demo round is valid and its plan was printed
  2  bad input: the demo files or fixture APKs are missing or do not match their pins
     (run \`npm run fixtures\`)
  3  unexpected failure
`;

/** APK labels come from the file: keep control characters off the terminal. */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describeSetupStep(step: SetupStep): string {
  switch (step.action) {
    case 'grantRuntimePermissions':
      return step.args === 'all' ? 'grant all runtime permissions' : `grant ${step.args.length} permissions`;
    case 'enableAccessibilityService': return `enable accessibility service ${step.args}`;
    case 'enableDeviceAdmin': return `activate device admin ${step.args}`;
    case 'enableNotificationListener': return `grant notification access to ${step.args}`;
    case 'hideLauncherIcon': return 'hide the launcher icon';
    case 'startService': return `start service ${step.args}`;
    case 'launch': return step.args === true ? 'open the app' : `open ${step.args}`;
    default: return `UI: ${step.action}`;
  }
}

/** Consecutive UI steps collapse into one "n UI steps" entry: the plan, not the script. */
function describeSetup(steps: readonly SetupStep[]): string {
  const parts: string[] = [];
  let uiSteps = 0;
  for (const step of steps) {
    const text = describeSetupStep(step);
    if (text.startsWith('UI: ')) {
      uiSteps += 1;
      continue;
    }
    if (uiSteps > 0) parts.push(`${uiSteps} steps in its own setup screens`);
    uiSteps = 0;
    parts.push(text);
  }
  if (uiSteps > 0) parts.push(`${uiSteps} steps in its own setup screens`);
  return parts.length > 0 ? parts.join(' → ') : 'install only';
}

function describeIdentity(identity: ApkIdentity | undefined): string {
  if (!identity) return '';
  const certificate = identity.signing.certificates[0];
  const label = identity.label === undefined ? '' : `"${sanitize(identity.label)}" `;
  return `${label}v${sanitize(identity.versionName ?? String(identity.versionCode))}${certificate ? `, signer SHA-1 ${certificate.sha1}` : ''}`;
}

function describeSample(sample: ResolvedSample, identity: ApkIdentity | undefined): string[] {
  return [
    `  ${sample.id} (${sample.kind}, ${sample.family}): ${sample.package} ${describeIdentity(identity)}`,
    `    setup: ${describeSetup(sample.setup)}`,
  ];
}

function describeProduct(product: ResolvedProduct, identity: ApkIdentity | undefined): string[] {
  const { flows } = product;
  const counts = [
    `onboarding ${flows.onboarding.length} steps`,
    `update ${flows.update.length}`,
    `scan ${flows.scan.length}`,
    ...(flows.results ? [`results ${flows.results.length}`] : []),
    ...(flows.dismissAlert ? [`dismiss alert ${flows.dismissAlert.length}`] : []),
  ];
  const alerts = product.alerts.dialogs.length > 0 || product.alerts.notificationPatterns.length > 0
    ? `alerts: ${product.alerts.dialogs.length} dialog selector(s), notification patterns [${product.alerts.notificationPatterns.join(', ')}]`
    : 'alerts: any notification from the product';
  return [
    `  ${product.id}: ${product.name} by ${product.vendor}, ${product.package} ${describeIdentity(identity)}`,
    `    flows: ${counts.join(', ')}; ${alerts}`,
  ];
}

const PROTOCOL_STEPS = {
  'on-demand': 'restore snapshot → install and set up the sample → install the product → onboarding → update → watch for first-start alerts → scan → read results → collect notifications',
  'real-time': 'restore snapshot → install the product → onboarding → update → install and set up the sample → watch for an alert → scan → read results → collect notifications',
} as const;

async function runDemo(argv: string[], io: CliIo): Promise<number> {
  try {
    parseArgs({ args: argv, options: {}, allowPositionals: false, strict: true });
  } catch (error) {
    throw new HarnessError('USAGE', `demo: ${error instanceof Error ? error.message : String(error)}`, { hint: 'run `stalkerbench demo --help`', cause: error });
  }
  const checked = await checkRound(DEMO_ROUND, io.cwd);
  const { round, identities } = checked;
  const lines = [formatRoundSummary(checked, io.cwd).trimEnd(), '', 'samples, read from their APKs:'];
  for (const sample of round.samples) lines.push(...describeSample(sample, identities.get(sample.file)));
  lines.push('', 'products, read from their APKs:');
  for (const product of round.products) lines.push(...describeProduct(product, identities.get(product.apk.file)));
  lines.push('', 'each case (one product, one sample, one device from the pool):');
  const protocols = new Set(round.samples.flatMap((sample) => protocolsFor(sample.kind, round.modes)));
  for (const protocol of protocols) lines.push(`  ${protocol}: ${PROTOCOL_STEPS[protocol]}`);
  lines.push(
    '',
    'Running rounds is not implemented in this version yet: the demo round above is valid and every',
    'APK matches its pin, but no emulator was started and no case was run.',
    '',
  );
  io.stdout(lines.join('\n'));
  return EXIT.ok;
}

export const command: Command = {
  summary: 'check the demo round and show what it would run',
  help: HELP,
  run: runDemo,
};
