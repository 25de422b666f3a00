import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactSecrets } from '../flow/secrets.ts';
import type { EvidenceItem, EvidenceKind } from '../results/index.ts';

/** What can show the current screen: an Appium session (WebdriverIO's Browser fits). */
export interface ScreenSource {
  /** Base64 PNG. */
  takeScreenshot(): Promise<string>;
  /** UiAutomator hierarchy XML. */
  getPageSource(): Promise<string>;
}

/** File-name safe form of a case id or step name: letters, digits, '.', '_' and '-'. */
export function toPathSegment(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return safe.slice(0, 120) || 'x';
}

const EXTENSIONS: Record<EvidenceKind, string> = {
  screenshot: 'png',
  'ui-dump': 'xml',
  notifications: 'txt',
  logcat: 'txt',
  text: 'txt',
};

/**
 * Writes one attempt's evidence below `<round>/evidence/<case>/<attempt>/`, numbered in capture
 * order (`03-scan-results.png`), and lists it with paths relative to the round folder, the form the
 * results file and the report use.
 */
export class EvidenceRecorder {
  readonly #roundDir: string;
  readonly #relativeDir: string;
  readonly #items: EvidenceItem[] = [];
  #counter = 0;

  constructor(roundDir: string, caseId: string, attempt: number) {
    this.#roundDir = roundDir;
    this.#relativeDir = `evidence/${toPathSegment(caseId)}/${attempt}`;
  }

  get relativeDir(): string {
    return this.#relativeDir;
  }

  items(): EvidenceItem[] {
    return [...this.#items];
  }

  async save(kind: EvidenceKind, step: string, content: string | Buffer): Promise<string> {
    this.#counter += 1;
    const name = `${String(this.#counter).padStart(2, '0')}-${toPathSegment(step)}${kind === 'notifications' || kind === 'logcat' ? `.${kind}` : ''}.${EXTENSIONS[kind]}`;
    const relativePath = `${this.#relativeDir}/${name}`;
    await mkdir(join(this.#roundDir, this.#relativeDir), { recursive: true });
    // A UI dump holds what was typed: secrets of the run (`${env:NAME}`) are redacted from every text.
    await writeFile(join(this.#roundDir, relativePath), typeof content === 'string' ? redactSecrets(content) : content);
    this.#items.push({ kind, step, path: relativePath });
    return relativePath;
  }

  /**
   * Screenshot and UI dump of the current screen. A failing half does not lose the other. Returns
   * the screenshot's path (the UI dump's when the screenshot failed), for a verdict to cite.
   */
  async captureScreen(step: string, source: ScreenSource): Promise<string | undefined> {
    const [png, xml] = await Promise.allSettled([source.takeScreenshot(), source.getPageSource()]);
    const screenshot = png.status === 'fulfilled' ? await this.save('screenshot', step, Buffer.from(png.value, 'base64')) : undefined;
    const dump = xml.status === 'fulfilled' ? await this.save('ui-dump', step, xml.value) : undefined;
    if (png.status === 'rejected' && xml.status === 'rejected') {
      await this.save('text', `${step}-capture-failed`, `screen capture failed: ${String(png.reason)}\n`);
    }
    return screenshot ?? dump;
  }
}
