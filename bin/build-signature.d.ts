// Types of bin/build-signature.js (plain JavaScript, so that bin/entry.js needs no TypeScript loader).
export const ROOT: string;
export const BUILD_DIR: string;
export const STAMP_FILE: string;
export const BUNDLES: Readonly<Record<string, string>>;
export function buildInputs(): string[];
export function quickSignature(files?: readonly string[]): string;
export function contentSignature(files?: readonly string[]): string;
export function readStamp(): { content?: string; quick?: string } | undefined;
