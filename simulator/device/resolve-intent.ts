/**
 * Resolving an implicit activity intent that carries data (a deep link: `am start -a VIEW -d myapp://x`)
 * against the installed apps' manifest intent filters, as PackageManagerService.resolveIntent does for
 * ActivityStarter with MATCH_DEFAULT_ONLY:
 * - the filter must list the intent's action (IntentFilter.matchAction);
 * - its data must match (IntentFilter.matchData): the scheme among its schemes; when it names hosts,
 *   the host among them (`*` any, `*.example.org` a suffix; a port when given); when it names paths,
 *   the path matching one (PatternMatcher PATTERN_LITERAL / PREFIX / SIMPLE_GLOB);
 * - every category of the intent must be in the filter (matchCategories), and CATEGORY_DEFAULT is
 *   required of activities started this way (ComponentResolver / MATCH_DEFAULT_ONLY);
 * - only exported, enabled activities of enabled packages count; a named package limits the search.
 * Several matches open the system's chooser on a phone (ResolverActivity); the simulator takes the
 * first (listed in simulator/README.md "Limitations").
 */
import type { IntentDataFilter } from '../../harness/apk/types.ts';
import type { AndroidModel } from './android-model.ts';
import { isExported } from './caller-identity.ts';
import { isComponentEnabled, isPackageEnabled } from './package-record.ts';

const CATEGORY_DEFAULT = 'android.intent.category.DEFAULT';

export interface DataIntent {
  action: string | undefined;
  categories: readonly string[];
  data: string;
  packageName: string | undefined;
}

/** The activity a data intent resolves to, or undefined (am: "unable to resolve Intent"). */
export function resolveDataIntent(device: AndroidModel, intent: DataIntent): { packageName: string; className: string } | undefined {
  const uri = parseUri(intent.data);
  if (uri === undefined) return undefined;
  for (const record of device.packages.all()) {
    if (intent.packageName !== undefined && record.packageName !== intent.packageName) continue;
    if (!isPackageEnabled(record)) continue;
    for (const component of record.components) {
      if (component.kind !== 'activity' && component.kind !== 'activity-alias') continue;
      if (!isExported(component) || !isComponentEnabled(record, component)) continue;
      const matches = (component.dataFilters ?? []).some((filter) => filterMatches(filter, intent, uri));
      if (matches) return { packageName: record.packageName, className: component.name };
    }
  }
  return undefined;
}

interface ParsedUri {
  scheme: string;
  host: string | undefined;
  port: string | undefined;
  path: string;
}

/** android.net.Uri's parts of a hierarchical URI (`scheme://host:port/path?query#fragment`). */
function parseUri(text: string): ParsedUri | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const scheme = text.slice(0, colon);
  const rest = text.slice(colon + 1).replace(/[?#].*$/s, '');
  if (!rest.startsWith('//')) return { scheme, host: undefined, port: undefined, path: '' };
  const slash = rest.indexOf('/', 2);
  const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  const at = authority.lastIndexOf('@');
  const hostPort = at < 0 ? authority : authority.slice(at + 1);
  const portAt = hostPort.lastIndexOf(':');
  return portAt < 0
    ? { scheme, host: hostPort, port: undefined, path }
    : { scheme, host: hostPort.slice(0, portAt), port: hostPort.slice(portAt + 1), path };
}

function filterMatches(filter: IntentDataFilter, intent: DataIntent, uri: ParsedUri): boolean {
  if (intent.action === undefined || !filter.actions.includes(intent.action)) return false;
  if (!filter.categories.includes(CATEGORY_DEFAULT)) return false;
  if (!intent.categories.every((category) => filter.categories.includes(category))) return false;
  // IntentFilter schemes are case-sensitive; Intent.normalizeScheme is not applied by am.
  if (!filter.schemes.includes(uri.scheme)) return false;
  if (filter.authorities.length > 0 && !filter.authorities.some((entry) => authorityMatches(entry, uri))) return false;
  if (filter.paths.length > 0 && !filter.paths.some((entry) => pathMatches(entry, uri.path))) return false;
  return true;
}

function authorityMatches(entry: { host: string; port?: string }, uri: ParsedUri): boolean {
  if (uri.host === undefined) return false;
  // IntentFilter.AuthorityEntry.match: hosts compare case-insensitively; "*" is any host, "*.x" a suffix.
  const host = uri.host.toLowerCase();
  const wanted = entry.host.toLowerCase();
  const hostOk = wanted === '*' || (wanted.startsWith('*') ? host.endsWith(wanted.slice(1)) : host === wanted);
  return hostOk && (entry.port === undefined || entry.port === uri.port);
}

function pathMatches(entry: IntentDataFilter['paths'][number], path: string): boolean {
  switch (entry.kind) {
    case 'literal': return path === entry.value;
    case 'prefix': return path.startsWith(entry.value);
    case 'glob': return simpleGlob(entry.value, path);
  }
}

/** PatternMatcher.matchPattern PATTERN_SIMPLE_GLOB: `.` any character, `x*` / `.*` zero or more, `\` escapes. */
function simpleGlob(pattern: string, text: string): boolean {
  let source = '^';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? '';
    if (char === '\\' && index + 1 < pattern.length) source += escapeRegExp(pattern[++index] ?? '');
    else if (char === '.') source += '.';
    else if (char === '*') source += '*';
    else source += escapeRegExp(char);
  }
  try {
    return new RegExp(`${source}$`, 's').test(text);
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
