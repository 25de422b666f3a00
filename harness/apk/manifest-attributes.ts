import type { XmlAttribute, XmlElement } from './axml-parser.ts';
import type { ResValue } from './res-value.ts';
import { resolveReference, type ResourceTable } from './resource-table.ts';

/** android.R.attr ids of the manifest attributes the model reads (public, stable since API 1–29). */
export const ATTR = {
  label: 0x01010001,
  name: 0x01010003,
  permission: 0x01010006,
  enabled: 0x0101000e,
  debuggable: 0x0101000f,
  exported: 0x01010010,
  authorities: 0x01010018,
  scheme: 0x01010027,
  host: 0x01010028,
  port: 0x01010029,
  path: 0x0101002a,
  pathPrefix: 0x0101002b,
  pathPattern: 0x0101002c,
  targetPackage: 0x01010021,
  targetActivity: 0x01010202,
  minSdkVersion: 0x0101020c,
  versionCode: 0x0101021b,
  versionName: 0x0101021c,
  targetSdkVersion: 0x01010270,
  testOnly: 0x01010272,
  versionCodeMajor: 0x01010576,
} as const;

export type AttributeName = keyof typeof ATTR;

const ANDROID_NAMESPACE = 'http://schemas.android.com/apk/res/android';

/**
 * Finds an android: attribute the way the platform does: by resource id, so that obfuscators that
 * blank attribute names do not hide it; by name only when the APK carries no resource map.
 */
export function findAttribute(element: XmlElement, name: AttributeName): XmlAttribute | undefined {
  const id = ATTR[name];
  const byId = element.attributes.find((attribute) => attribute.resourceId === id);
  if (byId) return byId;
  return element.attributes.find(
    (attribute) => attribute.resourceId === undefined && attribute.name === name && attribute.namespace === ANDROID_NAMESPACE,
  );
}

/** Reads an attribute through the resource table, with helpers for the types the manifest uses. */
export class AttributeReader {
  readonly #resources: ResourceTable | undefined;

  constructor(resources: ResourceTable | undefined) {
    this.#resources = resources;
  }

  value(element: XmlElement, name: AttributeName): ResValue | undefined {
    const attribute = findAttribute(element, name);
    return attribute === undefined ? undefined : resolveReference(attribute.value, this.#resources);
  }

  /** Text values; numbers and booleans as Android would print them. Unresolvable references are undefined. */
  string(element: XmlElement, name: AttributeName): string | undefined {
    const value = this.value(element, name);
    switch (value?.type) {
      case 'string':
        return value.value;
      case 'int':
        return String(value.value);
      case 'boolean':
        return String(value.value);
      case 'float':
        return String(value.value);
      default:
        return undefined;
    }
  }

  /** Integers, also when written as a decimal string (some build tools keep versionCode as text). */
  integer(element: XmlElement, name: AttributeName): number | undefined {
    const value = this.value(element, name);
    if (value?.type === 'int') return value.value;
    if (value?.type === 'string' && /^\s*-?\d+\s*$/.test(value.value)) return Number.parseInt(value.value, 10);
    return undefined;
  }

  boolean(element: XmlElement, name: AttributeName): boolean | undefined {
    const value = this.value(element, name);
    if (value?.type === 'boolean') return value.value;
    if (value?.type === 'int') return value.value !== 0;
    if (value?.type === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
    return undefined;
  }

  /** A plain attribute without namespace, such as `package` on <manifest>. */
  plain(element: XmlElement, name: string): string | undefined {
    const attribute = element.attributes.find((candidate) => candidate.namespace === undefined && candidate.name === name);
    if (attribute?.value.type === 'string') return attribute.value.value;
    return attribute?.rawValue;
  }
}
