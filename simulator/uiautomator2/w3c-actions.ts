/**
 * W3C actions (`POST /actions`) reduced to what the screen model supports: each pointer's down…up becomes a
 * tap (movement within the touch slop) or a swipe along the start and end points, released at the speed of
 * its last move unless the pointer rested 40 ms or more before lifting (then a list does not fling:
 * ui/fling.ts); key actions type text, Backspace and Enter. Pauses take no time: the virtual screen has
 * no animations to wait for.
 */
import { invalidArgument } from './uia2-error.ts';
import { readElementReference } from './element-store.ts';

export interface ActionsEnvironment {
  tap(x: number, y: number): void;
  /** `releaseVelocity`: px/s at ACTION_UP along the path (0 after a rest of 40 ms or more). */
  swipe(x1: number, y1: number, x2: number, y2: number, durationMs: number, releaseVelocity: number): void;
  pressKey(keyCode: number): void;
  inputText(text: string): void;
  /** Centre of a cached element's bounds (throws for unknown or stale ids). */
  elementCenter(id: string): { x: number; y: number };
  /** Movement below this many px counts as a tap (8 dp). */
  touchSlop: number;
}

interface PointerState {
  x: number;
  y: number;
  down: { x: number; y: number; maxDistance: number; duration: number; lastMoveSpeed: number; restedMs: number } | undefined;
}

/** VelocityTracker's ASSUME_POINTER_STOPPED_TIME: a pointer that rested this long is released at velocity 0. */
const POINTER_STOPPED_MS = 40;
/** A move with no duration is injected as one event: as fast as the maximum fling (8000 dp/s at most applies later). */
const INSTANT_MOVE_SPEED = Number.MAX_SAFE_INTEGER;

/** WebDriver key codes for Backspace, Enter and Return, mapped to Android key codes. */
const SPECIAL_KEYS: Record<string, number> = { '\uE003': 67, '\uE006': 66, '\uE007': 66 };

export function performW3cActions(body: unknown, env: ActionsEnvironment): void {
  const sources = (body as { actions?: unknown } | undefined)?.actions;
  if (!Array.isArray(sources)) throw invalidArgument("'actions' must be an array of input sources");
  for (const source of sources as Array<Record<string, unknown>>) {
    const actions = source['actions'];
    if (!Array.isArray(actions)) throw invalidArgument(`input source '${String(source['id'])}' has no 'actions' array`);
    if (source['type'] === 'pointer') performPointer(actions as Array<Record<string, unknown>>, env);
    else if (source['type'] === 'key') performKeys(actions as Array<Record<string, unknown>>, env);
    else if (source['type'] !== 'none' && source['type'] !== 'wheel') throw invalidArgument(`unsupported input source type '${String(source['type'])}'`);
  }
}

function performPointer(actions: Array<Record<string, unknown>>, env: ActionsEnvironment): void {
  const state: PointerState = { x: 0, y: 0, down: undefined };
  for (const action of actions) {
    switch (action['type']) {
      case 'pointerMove': {
        const x = Number(action['x'] ?? 0);
        const y = Number(action['y'] ?? 0);
        const origin = action['origin'] ?? 'viewport';
        const duration = Number(action['duration'] ?? 0);
        const fromX = state.x;
        const fromY = state.y;
        if (origin === 'pointer') {
          state.x += x;
          state.y += y;
        } else if (origin === 'viewport') {
          state.x = x;
          state.y = y;
        } else {
          const id = readElementReference(origin);
          if (!id) throw invalidArgument(`unsupported pointerMove origin ${JSON.stringify(origin)}`);
          const center = env.elementCenter(id);
          state.x = center.x + x;
          state.y = center.y + y;
        }
        if (state.down) {
          state.down.maxDistance = Math.max(state.down.maxDistance, Math.hypot(state.x - state.down.x, state.y - state.down.y));
          state.down.duration += duration;
          const moved = Math.hypot(state.x - fromX, state.y - fromY);
          if (moved > 0) {
            state.down.lastMoveSpeed = duration > 0 ? (moved / duration) * 1000 : INSTANT_MOVE_SPEED;
            state.down.restedMs = 0;
          } else {
            state.down.restedMs += duration;
          }
        }
        break;
      }
      case 'pointerDown':
        state.down = { x: state.x, y: state.y, maxDistance: 0, duration: 0, lastMoveSpeed: 0, restedMs: 0 };
        break;
      case 'pointerUp': {
        const down = state.down;
        state.down = undefined;
        if (!down) break;
        if (down.maxDistance < env.touchSlop) env.tap(Math.round(down.x), Math.round(down.y));
        else {
          const releaseVelocity = down.restedMs >= POINTER_STOPPED_MS ? 0 : down.lastMoveSpeed;
          env.swipe(Math.round(down.x), Math.round(down.y), Math.round(state.x), Math.round(state.y), Math.max(1, down.duration), releaseVelocity);
        }
        break;
      }
      case 'pause':
        // The finger rests where it is (a pause between down and up holds the pointer still).
        if (state.down) state.down.restedMs += Number(action['duration'] ?? 0);
        break;
      case 'pointerCancel':
        break;
      default:
        throw invalidArgument(`unsupported pointer action '${String(action['type'])}'`);
    }
  }
}

function performKeys(actions: Array<Record<string, unknown>>, env: ActionsEnvironment): void {
  for (const action of actions) {
    if (action['type'] !== 'keyDown') continue;
    const value = String(action['value'] ?? '');
    const keyCode = SPECIAL_KEYS[value];
    if (keyCode !== undefined) env.pressKey(keyCode);
    else if (value !== '' && !(value >= '\uE000' && value <= '\uF8FF')) env.inputText(value);
  }
}
