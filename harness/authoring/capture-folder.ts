import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toPathSegment, type ScreenSource } from '../evidence/index.ts';
import { redactSecrets } from '../flow/secrets.ts';

/**
 * Where try-flow puts what it captures (the flow's `capture` steps and the screen at a failure):
 * numbered screenshot and UI dump pairs, `01-eula.png` and `01-eula.xml`. The folder is made at the
 * first capture, so a run that captures nothing leaves nothing behind.
 */
export class CaptureFolder {
  readonly dir: string;
  readonly files: string[] = [];
  #counter = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Screenshot and UI dump of the current screen; a failing half does not lose the other. */
  async capture(name: string, source: ScreenSource): Promise<string[]> {
    this.#counter += 1;
    const base = `${String(this.#counter).padStart(2, '0')}-${toPathSegment(name)}`;
    const [png, xml] = await Promise.allSettled([source.takeScreenshot(), source.getPageSource()]);
    await mkdir(this.dir, { recursive: true });
    const written: string[] = [];
    if (png.status === 'fulfilled') {
      await writeFile(join(this.dir, `${base}.png`), Buffer.from(png.value, 'base64'));
      written.push(`${base}.png`);
    }
    if (xml.status === 'fulfilled') {
      // A UI dump holds what was typed: the run's secrets (`${env:NAME}`) are redacted, as in a case's evidence.
      await writeFile(join(this.dir, `${base}.xml`), redactSecrets(xml.value));
      written.push(`${base}.xml`);
    }
    if (written.length === 0) {
      await writeFile(join(this.dir, `${base}-capture-failed.txt`), `screen capture failed: ${String(png.status === 'rejected' ? png.reason : '')}\n`);
      written.push(`${base}-capture-failed.txt`);
    }
    this.files.push(...written);
    return written;
  }
}
