import { describe, expect, it } from 'vitest';
import { Uia2Error } from './uia2-error.ts';
import { performW3cActions, type ActionsEnvironment } from './w3c-actions.ts';

/** Records what the actions did to the screen. */
function createRecorder(): ActionsEnvironment & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    tap: (x, y) => events.push(`tap ${x},${y}`),
    swipe: (x1, y1, x2, y2, ms, velocity) => events.push(`swipe ${x1},${y1}→${x2},${y2} ${ms}ms at ${Math.round(velocity)} px/s`),
    pressKey: (code) => events.push(`key ${code}`),
    inputText: (text) => events.push(`text ${text}`),
    elementCenter: (id) => (id === 'el-1' ? { x: 100, y: 200 } : (() => { throw new Uia2Error('stale element reference', 404, id); })()),
    touchSlop: 21,
  };
}

const pointer = (actions: unknown[]) => ({ actions: [{ type: 'pointer', id: 'finger1', parameters: { pointerType: 'touch' }, actions }] });

describe('performW3cActions', () => {
  it('turns down/up without movement into a tap, also relative to an element', () => {
    const env = createRecorder();
    performW3cActions(pointer([
      { type: 'pointerMove', duration: 0, x: 10, y: 20, origin: { 'element-6066-11e4-a52e-4f735466cecf': 'el-1' } },
      { type: 'pointerDown', button: 0 }, { type: 'pause', duration: 100 }, { type: 'pointerMove', duration: 10, x: 5, y: 5, origin: 'pointer' }, { type: 'pointerUp', button: 0 },
    ]), env);
    expect(env.events).toEqual(['tap 110,220']);
  });

  it('turns a move beyond the touch slop into a swipe over the moves’ duration', () => {
    const env = createRecorder();
    performW3cActions(pointer([
      { type: 'pointerMove', duration: 0, x: 540, y: 1800 }, { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', duration: 250, x: 540, y: 700 }, { type: 'pointerUp', button: 0 },
    ]), env);
    expect(env.events).toEqual(['swipe 540,1800→540,700 250ms at 4400 px/s']);
  });

  it('releases a finger that rested 40 ms or more at velocity 0 (VelocityTracker), one that did not at its last move\'s speed', () => {
    const env = createRecorder();
    const drag = (restMs: number) => pointer([
      { type: 'pointerMove', duration: 0, x: 540, y: 1800 }, { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', duration: 400, x: 540, y: 840 }, { type: 'pause', duration: restMs }, { type: 'pointerUp', button: 0 },
    ]);
    performW3cActions(drag(100), env);
    performW3cActions(drag(20), env);
    expect(env.events).toEqual(['swipe 540,1800→540,840 400ms at 0 px/s', 'swipe 540,1800→540,840 400ms at 2400 px/s']);
  });

  it('types key actions, with Backspace and Enter as key codes', () => {
    const env = createRecorder();
    performW3cActions({ actions: [{ type: 'key', id: 'keyboard', actions: [
      { type: 'keyDown', value: 'h' }, { type: 'keyUp', value: 'h' }, { type: 'keyDown', value: '\uE003' }, { type: 'keyDown', value: '\uE007' },
    ] }] }, env);
    expect(env.events).toEqual(['text h', 'key 67', 'key 66']);
  });

  it('rejects malformed input as invalid argument', () => {
    const env = createRecorder();
    expect(() => performW3cActions({}, env)).toThrow(expect.objectContaining({ error: 'invalid argument' }) as Error);
    expect(() => performW3cActions(pointer([{ type: 'explode' }]), env)).toThrow(expect.objectContaining({ error: 'invalid argument' }) as Error);
  });
});
