/**
 * Stand-in for Java's `Integer.toHexString(System.identityHashCode(obj))` in dumpsys output
 * (`ProcessRecord{a9e1f2 …}`): 7 hex digits, stable for the same key so repeated dumps agree.
 */
export function objectHash(key: string): string {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return (hash & 0x0fffffff).toString(16).padStart(7, '0');
}
