/**
 * Which screen an app opens on when it is started, from its behaviour's `launch` entries: the first
 * whose flag is set and whose start parity (`starts: odd|even`) matches the app's start count.
 */
import type { AppState } from './app-state-store.ts';
import type { Behaviour } from './behaviour-schema.ts';

export function launchScreen(behaviour: Behaviour, state: AppState): string {
  const starts = state.starts ?? 0;
  const entry = behaviour.launch.find((candidate) =>
    (candidate.flag === undefined || state.flags[candidate.flag] === true)
    && (candidate.starts === undefined || (candidate.starts === 'odd') === (starts % 2 === 1)));
  return entry?.screen ?? behaviour.app.start;
}
