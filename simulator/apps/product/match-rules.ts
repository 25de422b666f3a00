/** A product's detection rules applied to one installed app: the first matching rule names the threat. */
import type { ThreatRecord } from '../app-state-store.ts';
import type { DetectionRule } from '../behaviour-schema.ts';
import { fillPlaceholders } from '../render-app-spec.ts';
import { normaliseHex, type InstalledAppFacts } from './inspect-installed-app.ts';

export function matchRules(rules: readonly DetectionRule[], app: InstalledAppFacts): ThreatRecord | undefined {
  for (const rule of rules) {
    const kind = ruleKind(rule, app);
    if (kind === undefined) continue;
    const values = { appLabel: app.label, package: app.packageName };
    return { package: app.packageName, appLabel: app.label, label: fillPlaceholders(rule.label, values), category: rule.category, rule: kind };
  }
  return undefined;
}

/** The rule's kind when every condition holds, else undefined. */
function ruleKind(rule: DetectionRule, app: InstalledAppFacts): string | undefined {
  const { match } = rule;
  const kinds: string[] = [];
  if (match.packages) {
    if (!match.packages.includes(app.packageName)) return undefined;
    kinds.push('package');
  }
  if (match.certificateSha1) {
    const wanted = match.certificateSha1.map(normaliseHex);
    if (!app.certificateSha1.some((sha1) => wanted.includes(sha1))) return undefined;
    kinds.push('certificate');
  }
  if (match.fileSha256) {
    if (app.fileSha256 === undefined || !match.fileSha256.map((hash) => hash.toLowerCase()).includes(app.fileSha256.toLowerCase())) return undefined;
    kinds.push('file-hash');
  }
  let heuristic = false;
  if (match.permissions) {
    if (!match.permissions.every((permission) => app.permissions.includes(permission))) return undefined;
    heuristic = true;
  }
  if (match.components) {
    if (!match.components.every((component) => app.componentKinds.includes(component))) return undefined;
    heuristic = true;
  }
  if (match.hiddenIcon !== undefined) {
    if (app.hiddenIcon !== match.hiddenIcon) return undefined;
    heuristic = true;
  }
  if (match.accessibilityEnabled !== undefined) {
    if (app.accessibilityEnabled !== match.accessibilityEnabled) return undefined;
    heuristic = true;
  }
  if (heuristic) kinds.push('heuristic');
  return kinds.length === 0 ? undefined : kinds.join('+');
}
