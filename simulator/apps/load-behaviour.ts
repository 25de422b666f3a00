/**
 * Reads and validates a package's behaviour file. An invalid file never stops the app from
 * installing or launching: the caller logs every issue to logcat and shows the plain screen.
 */
import { readApkEntryFromBuffer } from '../../harness/apk/index.ts';
import { BEHAVIOUR_ENTRY, behaviourSchema, type Behaviour } from './behaviour-schema.ts';

export type LoadedBehaviour =
  | { kind: 'none' }
  | { kind: 'invalid'; issues: string[] }
  | { kind: 'ok'; behaviour: Behaviour };

/** Reads `assets/stalkerbench-behaviour.json` from APK bytes. */
export function loadBehaviourFromApk(apk: Buffer, source: string): LoadedBehaviour {
  let bytes: Buffer | undefined;
  try {
    bytes = readApkEntryFromBuffer(apk, BEHAVIOUR_ENTRY, source);
  } catch (error) {
    // An unreadable zip or entry: the app runs without behaviour, and says why.
    return { kind: 'invalid', issues: [error instanceof Error ? error.message : String(error)] };
  }
  if (bytes === undefined) return { kind: 'none' };
  return parseBehaviour(bytes.toString('utf8'));
}

/** Parses and validates the JSON text of a behaviour file; every problem is one line `path: message`. */
export function parseBehaviour(text: string): LoadedBehaviour {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', issues: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  // jitless: zod would otherwise compile a fast parser per object schema on its first parse; an
  // emulator process parses each behaviour file about once, so compiling cost more than it saved
  // (~half the CPU of the first parses). The same checks run, with the same issues.
  const parsed = behaviourSchema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    return {
      kind: 'invalid',
      issues: parsed.error.issues.map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`),
    };
  }
  return { kind: 'ok', behaviour: parsed.data };
}
