import type { ApkIdentity } from '../apk/index.ts';
import { listDeclaredAccesses, type DeclaredAccess } from './declared-accesses.ts';
import { yamlDoubleQuoted, yamlScalar } from './yaml-scalar.ts';

export interface ScaffoldInput {
  identity: ApkIdentity;
  /** The profile's id. */
  id: string;
  /** The APK's path relative to the profile's folder, as `apk.file` holds it. */
  apkFile: string;
  /** The profile's own path as the user will name it (for the comments' example commands). */
  profilePath: string;
  /** For an `.apks` archive: every APK it installs (identity.sha256 is then the archive's pin). */
  setFiles?: ReadonlyArray<{ name: string; sha256: string; split?: string }>;
}

/** Text the scaffold leaves for a person to fill in; the loader refuses every value that starts with TODO. */
function todo(text: string): string {
  return yamlDoubleQuoted(`TODO: ${text}`);
}

/** One comment line per item, for text from the APK (it may be hostile: no line breaks, no controls). */
function comment(text: string): string {
  return `# ${text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?')}`.trimEnd();
}

function describeApk(identity: ApkIdentity): string[] {
  const signer = identity.signing.certificates[0];
  return [
    comment(`  package     ${identity.packageName}`),
    comment(`  label       ${identity.label ?? '(none)'}`),
    comment(`  version     ${identity.versionName ?? '(no versionName)'} (versionCode ${identity.versionCode}), minSdk ${identity.minSdkVersion ?? '-'}, targetSdk ${identity.targetSdkVersion ?? '-'}`),
    comment(`  launcher    ${identity.launchableActivity ?? '(none: the app has no launcher activity; a round cannot start it)'}`),
    comment(`  sha256      ${identity.sha256}`),
    comment(`  signer      ${signer ? `${signer.subject} (SHA-256 ${signer.sha256})` : 'unsigned'}`),
  ];
}

function describePermissions(identity: ApkIdentity): string[] {
  if (identity.permissions.length === 0) return ['# Permissions it declares: none'];
  return [`# Permissions it declares (${identity.permissions.length}):`, ...identity.permissions.map((permission) => comment(`  ${permission}`))];
}

function describeAccesses(accesses: readonly DeclaredAccess[]): string[] {
  if (accesses.length === 0) return ['# Special accesses it declares: none (no Settings grants to script).'];
  return [
    '# Special accesses it declares, each granted by a person in Settings (or a system dialog) during',
    '# onboarding; the product works without them only partly, so its onboarding flow should grant them:',
    ...accesses.map((entry) => comment(`  ${entry.access.padEnd(20)} ${entry.title}: ${entry.declaredBy}`)),
  ];
}

function onboardingSuggestions(accesses: readonly DeclaredAccess[]): string[] {
  const suggestion = (step: string, why?: string): string => `    # - ${why === undefined ? step : `${step.padEnd(44)}# ${why}`}`;
  const grants = [...new Set(accesses.map((entry) => entry.access))]
    .filter((access) => access !== 'postNotifications')
    .map((access) => suggestion(`grantSpecialAccess: { access: ${access} }`, 'through Settings, as a person does'));
  return [
    '    # Suggestions (replace with what the app really shows; `stalkerbench inspect-ui` lists each',
    '    # element with a selector that finds it):',
    suggestion('tap: { text: Accept }', 'licence / welcome screen'),
    suggestion('tapIfPresent: { text: Skip }', 'a sign-in screen that shows only sometimes'),
    ...(accesses.some((entry) => entry.access === 'postNotifications') ? [suggestion('acceptPermissionDialogs', 'Android 13 asks for POST_NOTIFICATIONS')] : []),
    ...grants,
    suggestion('tapIfPresent: { desc: Close }', 'an upsell after onboarding'),
  ];
}

/**
 * A product profile for an APK: what the APK says (package, label, version, launcher, SHA-256,
 * permissions, special accesses) filled in, everything about the app's screens left as TODO
 * markers with commented suggestions. The file is refused by every loader until no TODO is left.
 */
export function scaffoldProfile(input: ScaffoldInput): string {
  const { identity } = input;
  const accesses = listDeclaredAccesses(identity);
  const profile = yamlScalar(input.profilePath);
  const lines = [
    `# ${identity.label ?? identity.packageName} — product profile scaffolded by \`stalkerbench new-product\`.`,
    '#',
    '# NOT A WORKING PROFILE YET. Every value that starts with TODO must be replaced with what the app',
    '# really shows; `stalkerbench validate` refuses this file (and any round naming it) until none is',
    '# left. With the app open on a device:',
    '#   stalkerbench inspect-ui                        the screen as a tree, a selector for each element',
    `#   stalkerbench try-flow ${profile} --flow onboarding   one flow, step by step`,
    '# scenarios/README.md describes every field and step.',
    '#',
    '# From the APK:',
    ...describeApk(identity),
    '#',
    ...describePermissions(identity),
    '#',
    ...describeAccesses(accesses),
    `id: ${yamlScalar(input.id)}`,
    `vendor: ${todo('the vendor\'s name as published')}`,
    `name: ${identity.label === undefined ? todo('the product\'s name as published') : yamlScalar(identity.label)}`,
    `package: ${identity.packageName}`,
    'apk:',
    `  file: ${yamlScalar(input.apkFile)}`,
    `  sha256: ${identity.sha256}`,
    ...(input.setFiles === undefined ? [] : [
      '# An .apks split set: the pin above covers the whole archive; the APKs it installs with adb install-multiple:',
      ...input.setFiles.map((file) => comment(`  ${file.name}  ${file.sha256}  ${file.split ?? 'base'}`)),
    ]),
    '# Accept runtime-permission dialogs whenever one covers the element a step waits for.',
    'autoAcceptPermissionDialogs: true',
    'flows:',
    `  # A round installs the app and starts it (${identity.launchableActivity ?? 'its launcher activity'}); onboarding goes from`,
    '  # there to the main screen, accepting defaults.',
    '  onboarding:',
    ...onboardingSuggestions(accesses),
    `    - waitFor: { text: ${todo('a text only the main screen shows, once onboarding is done')} }`,
    '      timeoutMs: 20000',
    '  # Update the signatures; leave empty when the app updates by itself.',
    '  update: []',
    '    # - tap: { text: Update }',
    '    # - waitFor: { textContains: up to date }',
    '    #   timeoutMs: 60000',
    '  # Start a full scan from the main screen and wait until it has finished.',
    '  scan:',
    `    - tap: { text: ${todo('the button that starts a full scan')} }`,
    `    - waitFor: { text: ${todo('a text shown only once the scan has finished')} }`,
    '      timeoutMs: 120000',
    '    - capture: scan-complete',
    '  # From the end of the scan to the results list, when it is not shown right away:',
    '  # results:',
    '  #   - tap: { text: View results }',
    '  # Close a threat alert without acting on it (removal could warn an abuser):',
    '  # dismissAlert:',
    '  #   - tap: { text: Not now }',
    '# How to read the results screen: one item per threat, the other selectors inside an item.',
    '# Replace `text:` with `id:` where the app gives its views resource ids (inspect-ui shows them).',
    'results:',
    `  item: { text: ${todo('one entry of the results list (usually an id shared by every row)')} }`,
    `  threatName: { text: ${todo('the threat name inside an entry')} }`,
    '  # package: { id: com.vendor.app:id/threat_package }   # when an entry shows the package',
    '  # appLabel: { id: com.vendor.app:id/threat_app }      # when it names the app by its label',
    `  noThreats: { text: ${todo('what the results screen shows when nothing was found')} }`,
    '# What counts as the product\'s alert: texts of its threat notifications (regular expressions,',
    '# case-insensitive), or `none` if it never alerts by notification; and its alert dialogs.',
    'alerts:',
    `  notificationPatterns: [${todo('a text of its threat notifications, e.g. threat found')}]`,
    '  dialogs: []',
    '  #  - match: { id: com.vendor.app:id/alert_dialog }',
    '  #    text: { id: com.vendor.app:id/alert_message }',
    '# How long the app normally takes (defaults: firstStartMs 20000, updateMs 60000, scanMs 120000,',
    '# realTimeAlertMs 60000):',
    '# expectedDelays:',
    '#   scanMs: 120000',
    `notes: ${yamlDoubleQuoted(`Scaffolded from ${identity.packageName} ${identity.versionName ?? ''}`.trimEnd())}`,
    '',
  ];
  return lines.join('\n');
}

/** A profile id from a label or package: `Sentinel Mobile Security` → `sentinel-mobile-security`. */
export function suggestProfileId(identity: ApkIdentity): string {
  const fromLabel = (identity.label ?? '').normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (fromLabel !== '') return fromLabel.slice(0, 48).replace(/-+$/, '');
  return identity.packageName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
