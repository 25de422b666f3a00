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
 * redacted whole). Also the XML-escaped form, as UI dumps store typed text escaped.
 */
export function redactSecrets(text: string): string {
  if (secrets.size === 0) return text;
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(REDACTED);
    const escaped = escapeXml(secret);
    if (escaped !== secret) result = result.split(escaped).join(REDACTED);
    const json = JSON.stringify(secret).slice(1, -1);
    if (json !== secret) result = result.split(json).join(REDACTED);
  }
  return result;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
