import { readFileSync } from 'node:fs';
import { projectPath } from './project-root.ts';

const manifest = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };

/** The harness version recorded in every round and report. */
export const HARNESS_VERSION: string = manifest.version;
