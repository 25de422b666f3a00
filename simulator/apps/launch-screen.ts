/**
 * Which screen an app opens on when it is started, from its behaviour's `launch` entries: the first
 * whose flag is set and whose start parity (`starts: odd|even`) matches the start's number. The
 * rendered app's start screen is the one for the next start (the count + 1): the activity is shown
 * before the app hears of its launch and counts it.
 */
import type { AppState } from './app-state-store.ts';
import type { Behaviour } from './behaviour-schema.ts';

export function launchScreen(behaviour: Behaviour, state: AppState, start = (state.starts ?? 0) + 1): string {
  const starts = start;
  const entry = behaviour.launch.find((candidate) =>
    (candidate.flag === undefined || state.flags[candidate.flag] === true)
    && (candidate.starts === undefined || (candidate.starts === 'odd') === (starts % 2 === 1)));
  return entry?.screen ?? behaviour.app.start;
}
