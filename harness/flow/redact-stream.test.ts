import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createRedactingStream } from './redact-stream.ts';
import { REDACTED, redactSecrets, registerSecret } from './secrets.ts';

const SECRET = 'stream-secret-41d9';

async function through(chunks: string[], maxLineChars?: number): Promise<string> {
  return text(Readable.from(chunks).pipe(createRedactingStream(maxLineChars)));
}

describe('the redacting stream (Appium\'s log)', () => {
  registerSecret(SECRET);

  it('redacts a secret cut between two chunks, and keeps every other byte', async () => {
    const out = await through(['--> POST /value {"text":"stream-sec', 'ret-41d9"}\n', 'Proxying with body: {"text":"stream-secret-41d9","replace":false}\nlast line without newline']);
    expect(out).not.toContain(SECRET);
    expect(out).toBe(`--> POST /value {"text":"${REDACTED}"}\nProxying with body: {"text":"${REDACTED}","replace":false}\nlast line without newline`);
  });

  it('redacts the W3C key-action array a client may send as `value`', () => {
    const keys = JSON.stringify([...SECRET]);
    expect(redactSecrets(`Calling AppiumDriver.setValue() with args: [${keys},"el-1"]`)).toBe(`Calling AppiumDriver.setValue() with args: [[${REDACTED}],"el-1"]`);
  });

  it('writes a line longer than its limit in pieces without letting a cut secret through', async () => {
    const long = 'x'.repeat(90);
    const out = await through([`${long}stream-se`, `cret-41d9${long}`, `${long}\n`], 64);
    expect(out).not.toContain(SECRET);
    expect(out).toBe(`${long}${REDACTED}${long}${long}\n`);
  });
});
