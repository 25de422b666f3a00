import { escapeMarkdown } from '../report/escape-markdown.ts';
import type { Plan } from './build-plan.ts';

const md = escapeMarkdown;

/** The plan's own sentences: kept readable (no `\:`), with only what could start markup escaped. */
function prose(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_<>&|[\]]/g, (character) => `\\${character}`);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The plan's sentence on scaled app delays (the report's method says the same in the past: report/describe-app-delays.ts). */
export function describePlannedAppDelays(scale: number): string {
  return `App delays scaled ×${scale} on virtual devices: the virtual products' scans, updates and alerts take ${scale} of their real time, and the harness's watch budgets are scaled alike (round key appDelayScale). Times to alert will be shortened by the same factor; a check that races the stalkerware's setup keeps its real delay, so the order of events and every verdict are those of real delays.`;
}

/** plan.md: the plan for people, every value from plan.json, escaped by the report's Markdown escaper. */
export function renderPlanMarkdown(plan: Plan, planSha256: string | undefined = undefined): string {
  const lines: string[] = [];
  const push = (...more: string[]): void => { lines.push(...more); };
  push(`# Test plan: ${md(plan.round.title)}`, '');
  push(`Round \`${plan.round.id}\` (${md(plan.round.file)}, SHA-256 \`${plan.round.sha256}\`), stalkerbench ${md(plan.harness.version)}.`, '');
  if (planSha256 !== undefined) push(`SHA-256 of plan.json: \`${planSha256}\``, '');
  push('## Dates', '');
  push(`- Test window: ${plan.dates.start === null ? 'not set in the round' : `${plan.dates.start}${plan.dates.end === null ? '' : ` to ${plan.dates.end}`}`}`);
  push(`- Plan written: ${md(plan.dates.generatedAt)}`, '');
  push('## Products', '', '| Product | Vendor | Package | Version | APK SHA-256 |', '|---|---|---|---|---|');
  for (const product of plan.products) {
    const version = `${product.versionName === null ? '' : `${md(product.versionName)} `}(${product.versionCode})`;
    push(`| ${md(product.name)} | ${md(product.vendor)} | ${md(product.package)} | ${version} | \`${product.apkSha256}\` |`);
  }
  push('', '## Modes and cases', '');
  push(`- Modes: ${plan.modes.join(', ')}`);
  push(`- Cases: ${plan.cases.total} = ${plan.cases.formula}`);
  push(`- Repetitions: ${plan.repetitions}; retries after an infrastructure or product error: ${plan.retries.infra}; cases at once: ${plan.concurrency}`);
  push(`- Timeouts: case ${seconds(plan.timeouts.caseMs)}, flow step ${seconds(plan.timeouts.stepMs)}, alert watch ${seconds(plan.timeouts.alertWatchMs)}${plan.timeouts.bootMs === null ? '' : `, boot ${seconds(plan.timeouts.bootMs)}`}`, '');
  push('## Samples', '');
  const { byKind } = plan.samples;
  push(`${plan.samples.total} samples: ${byKind.stalkerware} stalkerware, ${byKind.watchware} watchware, ${byKind.clean} clean.`, '');
  push('| Family | Kind | Samples |', '|---|---|---:|');
  for (const family of plan.samples.families) push(`| ${md(family.family)} | ${family.kind} | ${family.samples} |`);
  push('');
  if (plan.samples.hashes === null) {
    push('Sample hashes are withheld until publication; the catalogues\' SHA-256 below shows whether they changed after this plan.', '');
  } else {
    push('| Sample | Family | Kind | Package | SHA-256 |', '|---|---|---|---|---|');
    for (const sample of plan.samples.hashes) push(`| ${md(sample.id)} | ${md(sample.family)} | ${sample.kind} | ${md(sample.package)} | \`${sample.sha256}\` |`);
    push('');
  }
  for (const catalogue of plan.samples.catalogues) push(`- Catalogue ${md(catalogue.file)}: SHA-256 \`${catalogue.sha256}\``);
  push('', '## Criteria', '');
  const { criteria } = plan;
  push(`- **Detected**: ${prose(criteria.detected)}`, `- **Alerted**: ${prose(criteria.alerted)}`, `- **False positive**: ${prose(criteria.falsePositive)}`);
  push(`- **Remediated**: ${prose(criteria.remediated)}`, `- **Not counted**: ${prose(criteria.notCounted)}`, '');
  push('The sample is identified by the strongest of these rules:', '');
  criteria.identification.forEach((rule, index) => push(`${index + 1}. ${prose(rule)}`));
  const list = (values: readonly string[]): string => (values.length === 0 ? 'none' : values.map((value) => `\`${value.replaceAll('`', "'")}\``).join(', '));
  push('', `- Categories that count: ${criteria.detection.categories.length === 0 ? 'any' : list(criteria.detection.categories)}`);
  push(`- Name patterns: ${list(criteria.detection.namePatterns)}`, `- Safety advice patterns: ${list(criteria.detection.safetyAdvicePatterns)}`, '');
  push('## Devices', '');
  if (plan.devices.kind === 'emulators') {
    push('| Profile | API level | Android | System image | Model | Instances |', '|---|---:|---|---|---|---:|');
    for (const device of plan.devices.profiles) {
      push(`| ${md(device.name)} | ${device.apiLevel} | ${md(device.release)} | ${md(device.systemImage)} | ${md(device.model)} | ${device.instances} |`);
    }
    const scale = plan.devices.appDelayScale;
    if (scale !== undefined) push('', describePlannedAppDelays(scale));
  } else {
    push(`${plan.devices.phones} physical phone(s)${plan.devices.allowSamples ? ', samples allowed' : ''}.`);
  }
  push('');
  return `${lines.join('\n')}`;
}
