/**
 * Secrets of the run: every value a profile takes from the environment (`${env:NAME}`: lab accounts,
 * licence keys). Whatever the harness writes that a device or a person might have echoed — logs,
 * evidence text (a UI dump holds typed text), step timings, results, reports — passes through
 * redactSecrets first.
 */
const secrets = new Set<string>();

/** What a secret is replaced with. */
export const REDACTED = '•••';

/** Values shorter than this are not treated as secrets: redacting "1" would garble every number. */
const MIN_SECRET_LENGTH = 4;

/** Registers a value to be redacted from now on (empty and very short values are ignored). */
export function registerSecret(value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** True when any secret is registered (lets writers skip work). */
export function hasSecrets(): boolean {
  return secrets.size > 0;
}

/**
 * Replaces every registered secret in `text` with •••, longest first (a secret containing another is
 * redacted whole), in each of its written forms (writtenForms).
 */
export function redactSecrets(text: string): string {
  if (secrets.size === 0) return text;
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    for (const form of writtenForms(secret)) result = result.split(form).join(REDACTED);
  }
  return result;
}

/**
 * How a secret can appear in text the harness writes: as is, XML-escaped (UI dumps), JSON-escaped
 * (results, Appium's request log), and as the W3C key-action array `["s","e",…]` a WebDriver client may
 * send with `POST /element/:id/value` (`value`), which Appium logs as it came.
 */
function writtenForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const keys = [...secret].map((char) => JSON.stringify(char)).join(',');
  return [...new Set([secret, escapeXml(secret), json, keys])];
}

/** The length of the longest written form of any secret (0 without secrets): what a stream must hold back. */
export function longestSecretForm(): number {
  let longest = 0;
  for (const secret of secrets) for (const form of writtenForms(secret)) longest = Math.max(longest, form.length);
  return longest;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
