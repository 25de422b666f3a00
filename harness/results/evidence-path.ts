/**
 * Evidence paths end up in `src`/`href` attributes of the published report, so only plain
 * relative paths below `evidence/` are accepted: no scheme, no absolute path, no `..`, no
 * backslash, no control characters. That makes a `javascript:` or `../../etc` link impossible
 * whatever a device or a broken runner wrote.
 */
export function isSafeEvidencePath(path: string): boolean {
  // After the "evidence/" prefix every segment follows a "/", so an empty, "." or ".." segment
  // is "//", a trailing "/", or "/." or "/.." before a "/" or the end. One regex instead of a
  // split: reports check every path of every attempt (200,000 on a large round).
  return path.startsWith('evidence/') && !UNSAFE.test(path);
}

const UNSAFE = /[\\\u0000-\u001f\u007f]|\/\/|\/$|\/\.\.?(?:\/|$)/;
