import type { XmlElement } from './axml-parser.ts';
import { AttributeReader } from './manifest-attributes.ts';
import type { ResourceTable } from './resource-table.ts';
import type { ApkComponent, ApkIdentity, ComponentKind, IntentDataFilter } from './types.ts';
import { createMalformedError } from './apk-errors.ts';

/** The fields of ApkIdentity that come from AndroidManifest.xml (and resources.arsc). */
export type ManifestModel = Pick<
  ApkIdentity,
  | 'packageName'
  | 'versionCode'
  | 'versionName'
  | 'label'
  | 'minSdkVersion'
  | 'targetSdkVersion'
  | 'permissions'
  | 'components'
  | 'launchableActivity'
  | 'instrumentations'
  | 'testOnly'
  | 'debuggable'
  | 'providerAuthorities'
  | 'definedPermissions'
  | 'splitName'
>;

/** Manifest tags that declare components, and the kind each has before bind permissions refine it. */
const COMPONENT_TAGS: ReadonlyMap<string, ComponentKind> = new Map<string, ComponentKind>([
  ['activity', 'activity'],
  ['activity-alias', 'activity-alias'],
  ['service', 'service'],
  ['receiver', 'receiver'],
  ['provider', 'provider'],
]);
/** uses-permission-sdk-m is the pre-release spelling of uses-permission-sdk-23; the platform accepts both. */
const PERMISSION_TAGS: ReadonlySet<string> = new Set(['uses-permission', 'uses-permission-sdk-23', 'uses-permission-sdk-m']);

const ACTION_MAIN = 'android.intent.action.MAIN';
const CATEGORY_LAUNCHER = 'android.intent.category.LAUNCHER';

/** Bind permissions that make a plain service or receiver one of the kinds stalkerware abuses. */
const BOUND_KINDS: ReadonlyArray<{ tag: string; permission: string; kind: ComponentKind }> = [
  { tag: 'service', permission: 'android.permission.BIND_ACCESSIBILITY_SERVICE', kind: 'accessibility-service' },
  { tag: 'service', permission: 'android.permission.BIND_NOTIFICATION_LISTENER_SERVICE', kind: 'notification-listener' },
  { tag: 'receiver', permission: 'android.permission.BIND_DEVICE_ADMIN', kind: 'device-admin' },
];

/** PackageParser.buildClassName: ".Foo" and "Foo" are relative to the package, "a.b.Foo" is absolute. */
export function expandClassName(packageName: string, name: string): string {
  if (name.startsWith('.')) return `${packageName}${name}`;
  if (!name.includes('.')) return `${packageName}.${name}`;
  return name;
}

function classifyComponent(tag: string, kind: ComponentKind, permission: string | undefined): ComponentKind {
  const bound = BOUND_KINDS.find((candidate) => candidate.tag === tag && candidate.permission === permission);
  return bound ? bound.kind : kind;
}

function readComponent(element: XmlElement, kind: ComponentKind, packageName: string, attributes: AttributeReader): ApkComponent | undefined {
  const name = attributes.string(element, 'name');
  if (name === undefined || name === '') return undefined;
  const permission = attributes.string(element, 'permission');
  const actions: string[] = [];
  const categories: string[] = [];
  const dataFilters: IntentDataFilter[] = [];
  for (const filter of element.children.filter((child) => child.name === 'intent-filter')) {
    const withData = readDataFilter(filter, attributes);
    if (withData) dataFilters.push(withData);
    for (const child of filter.children) {
      const value = attributes.string(child, 'name');
      if (value === undefined) continue;
      if (child.name === 'action' && !actions.includes(value)) actions.push(value);
      if (child.name === 'category' && !categories.includes(value)) categories.push(value);
    }
  }
  const target = element.name === 'activity-alias' ? attributes.string(element, 'targetActivity') : undefined;
  const metaData = element.children
    .filter((child) => child.name === 'meta-data')
    .map((child) => attributes.string(child, 'name'))
    .filter((value): value is string => value !== undefined && value !== '');
  return {
    kind: classifyComponent(element.name, kind, permission),
    name: expandClassName(packageName, name),
    exported: attributes.boolean(element, 'exported'),
    enabled: attributes.boolean(element, 'enabled'),
    permission,
    actions,
    categories,
    targetActivity: target === undefined ? undefined : expandClassName(packageName, target),
    ...(metaData.length === 0 ? {} : { metaData }),
    ...(dataFilters.length === 0 ? {} : { dataFilters }),
  };
}

/** An intent filter's `<data>` elements merged, as PackageParser adds each attribute to the one IntentFilter. */
function readDataFilter(filter: XmlElement, attributes: AttributeReader): IntentDataFilter | undefined {
  const data = filter.children.filter((child) => child.name === 'data');
  if (data.length === 0) return undefined;
  const named = (tag: string): string[] => filter.children.filter((child) => child.name === tag)
    .map((child) => attributes.string(child, 'name')).filter((value): value is string => value !== undefined);
  const result: IntentDataFilter = { actions: named('action'), categories: named('category'), schemes: [], authorities: [], paths: [] };
  for (const entry of data) {
    const scheme = attributes.string(entry, 'scheme');
    if (scheme !== undefined && !result.schemes.includes(scheme)) result.schemes.push(scheme);
    const host = attributes.string(entry, 'host');
    const port = attributes.string(entry, 'port');
    if (host !== undefined) result.authorities.push(port === undefined ? { host } : { host, port });
    for (const [attribute, kind] of [['path', 'literal'], ['pathPrefix', 'prefix'], ['pathPattern', 'glob']] as const) {
      const value = attributes.string(entry, attribute);
      if (value !== undefined) result.paths.push({ kind, value });
    }
  }
  return result;
}

/**
 * aapt's rule for `launchable-activity`: an activity whose intent filters include the MAIN action
 * and the LAUNCHER category (not necessarily in the same filter). Unlike the aapt 0.2 shipped by
 * Debian, activity-alias counts too, as it does for the launcher on a device.
 */
function findLaunchableActivity(components: readonly ApkComponent[]): string | undefined {
  return components.find(
    (component) =>
      (component.kind === 'activity' || component.kind === 'activity-alias') &&
      component.actions.includes(ACTION_MAIN) &&
      component.categories.includes(CATEGORY_LAUNCHER),
  )?.name;
}

/**
 * Builds the manifest part of an APK identity from the parsed AndroidManifest.xml.
 * @param source names the manifest in errors, e.g. `app.apk!AndroidManifest.xml`
 */
export function readManifestModel(root: XmlElement, resources: ResourceTable | undefined, source: string): ManifestModel {
  if (root.name !== 'manifest') throw createMalformedError(source, `the root element is <${root.name}>, not <manifest>`);
  const attributes = new AttributeReader(resources);
  const packageName = attributes.plain(root, 'package');
  if (packageName === undefined || packageName === '') throw createMalformedError(source, '<manifest> has no package attribute');
  const splitName = attributes.plain(root, 'split');

  // versionCodeMajor is the high 32 bits of the long version code (API 28+).
  const versionCode = attributes.integer(root, 'versionCode') ?? 0;
  const versionCodeMajor = attributes.integer(root, 'versionCodeMajor') ?? 0;
  const usesSdk = root.children.find((child) => child.name === 'uses-sdk');
  const application = root.children.find((child) => child.name === 'application');

  const permissions: string[] = [];
  for (const child of root.children) {
    if (!PERMISSION_TAGS.has(child.name)) continue;
    const name = attributes.string(child, 'name');
    if (name !== undefined && name !== '' && !permissions.includes(name)) permissions.push(name);
  }

  const components: ApkComponent[] = [];
  for (const child of application?.children ?? []) {
    const kind = COMPONENT_TAGS.get(child.name);
    if (kind === undefined) continue;
    const component = readComponent(child, kind, packageName, attributes);
    if (component) components.push(component);
  }

  // PackageParser: `android:authorities` is a ';'-separated list; `<permission>` sits under <manifest>.
  const providerAuthorities: string[] = [];
  for (const child of (application?.children ?? []).filter((candidate) => candidate.name === 'provider')) {
    for (const authority of (attributes.string(child, 'authorities') ?? '').split(';').map((entry) => entry.trim())) {
      if (authority !== '' && !providerAuthorities.includes(authority)) providerAuthorities.push(authority);
    }
  }
  const definedPermissions: string[] = [];
  for (const child of root.children.filter((candidate) => candidate.name === 'permission')) {
    const name = attributes.string(child, 'name');
    if (name !== undefined && name !== '' && !definedPermissions.includes(name)) definedPermissions.push(name);
  }

  const instrumentations: ManifestModel['instrumentations'] = [];
  for (const child of root.children.filter((candidate) => candidate.name === 'instrumentation')) {
    const name = attributes.string(child, 'name');
    if (name === undefined || name === '') continue;
    instrumentations.push({
      name: expandClassName(packageName, name),
      targetPackage: attributes.string(child, 'targetPackage') ?? packageName,
    });
  }

  return {
    packageName,
    versionCode: (versionCodeMajor >>> 0) * 2 ** 32 + (versionCode >>> 0),
    versionName: attributes.string(root, 'versionName'),
    label: application === undefined ? undefined : attributes.string(application, 'label'),
    minSdkVersion: usesSdk === undefined ? undefined : attributes.integer(usesSdk, 'minSdkVersion'),
    targetSdkVersion: usesSdk === undefined ? undefined : attributes.integer(usesSdk, 'targetSdkVersion'),
    permissions,
    components,
    launchableActivity: findLaunchableActivity(components),
    instrumentations,
    testOnly: application === undefined ? false : attributes.boolean(application, 'testOnly') ?? false,
    debuggable: application === undefined ? false : attributes.boolean(application, 'debuggable') ?? false,
    ...(providerAuthorities.length > 0 ? { providerAuthorities } : {}),
    ...(definedPermissions.length > 0 ? { definedPermissions } : {}),
    // <manifest split="config.xxhdpi">: a split APK (ApkLiteParseUtils.parseApkLite reads the plain `split` attribute).
    ...(splitName === undefined || splitName === '' ? {} : { splitName }),
  };
}
