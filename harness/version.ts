import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The harness version recorded in every round and report. */
export const HARNESS_VERSION: string = manifest.version;
