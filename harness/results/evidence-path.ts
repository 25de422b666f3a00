/**
 * Evidence paths end up in `src`/`href` attributes of the published report, so only plain
 * relative paths below `evidence/` are accepted: no scheme, no absolute path, no `..`, no
 * backslash, no control characters. That makes a `javascript:` or `../../etc` link impossible
 * whatever a device or a broken runner wrote.
 */
export function isSafeEvidencePath(path: string): boolean {
  if (!path.startsWith('evidence/')) return false;
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
