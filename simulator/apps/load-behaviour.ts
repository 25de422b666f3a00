/**
 * Reads and validates a package's behaviour file. An invalid file never stops the app from
 * installing or launching: the caller logs every issue to logcat and shows the plain screen.
 */
import { openZip, readZipEntry } from '../../harness/apk/zip-reader.ts';
import { BEHAVIOUR_ENTRY, behaviourSchema, type Behaviour } from './behaviour-schema.ts';

export type LoadedBehaviour =
  | { kind: 'none' }
  | { kind: 'invalid'; issues: string[] }
  | { kind: 'ok'; behaviour: Behaviour };

/** Reads `assets/stalkerbench-behaviour.json` from APK bytes. */
export function loadBehaviourFromApk(apk: Buffer, source: string): LoadedBehaviour {
  let zip;
  try {
    zip = openZip(apk, source);
  } catch {
    return { kind: 'none' };
  }
  const entry = zip.byName.get(BEHAVIOUR_ENTRY);
  if (entry === undefined) return { kind: 'none' };
  return parseBehaviour(readZipEntry(zip, entry).toString('utf8'));
}

/** Parses and validates the JSON text of a behaviour file; every problem is one line `path: message`. */
export function parseBehaviour(text: string): LoadedBehaviour {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', issues: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = behaviourSchema.safeParse(json);
  if (!parsed.success) {
    return {
      kind: 'invalid',
      issues: parsed.error.issues.map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`),
    };
  }
  return { kind: 'ok', behaviour: parsed.data };
}
