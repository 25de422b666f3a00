/**
 * A stream that passes text through line by line with the run's secrets redacted (secrets.ts), for
 * logs written by another process as bytes arrive: Appium's own log records the text of every
 * `setValue` (its request log, `Calling AppiumDriver.setValue() with args`, and the UiAutomator2
 * driver's "Proxying … with body" line). Chunks are cut anywhere, so a secret may straddle two of
 * them: only whole lines are redacted and written; a line is held until its newline (or the end of
 * the stream), and a line longer than `maxLineChars` is written in pieces, keeping back a tail as long
 * as the longest written form of a secret.
 */
import { Transform } from 'node:stream';
import { redactSecrets, longestSecretForm } from './secrets.ts';

/** A line longer than this is redacted and written in pieces (Appium logs whole page sources on one line). */
const MAX_LINE_CHARS = 1024 * 1024;

export function createRedactingStream(maxLineChars = MAX_LINE_CHARS): Transform {
  let pending = '';
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const lastNewline = pending.lastIndexOf('\n');
      let out = '';
      if (lastNewline >= 0) {
        out = redactSecrets(pending.slice(0, lastNewline + 1));
        pending = pending.slice(lastNewline + 1);
      }
      if (pending.length > maxLineChars) {
        // A very long line: redact it whole, write all but a tail as long as the longest form of a
        // secret (a secret cut by this chunk's end is wholly in that tail and is redacted once complete).
        const redacted = redactSecrets(pending);
        const keep = Math.min(redacted.length, longestSecretForm());
        out += redacted.slice(0, redacted.length - keep);
        pending = redacted.slice(redacted.length - keep);
      }
      done(null, out === '' ? undefined : out);
    },
    flush(done) {
      done(null, pending === '' ? undefined : redactSecrets(pending));
    },
  });
}
