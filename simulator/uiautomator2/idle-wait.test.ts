import { describe, expect, it } from 'vitest';
import { IDLE_QUIET_MS, readWaitForIdleTimeout, waitForIdle } from './idle-wait.ts';

/** A screen that was last changed `quietAt` ms ago and is then left alone; counts how often it is asked. */
function screenQuietFor(ms: number) {
  const started = performance.now();
  let asked = 0;
  return {
    ui: { msSinceAccessibilityEvent: () => { asked++; return ms + (performance.now() - started); } },
    asked: () => asked,
  };
}

describe('waitForIdle (UiAutomation.waitForIdle, 500 ms quiet time)', () => {
  it('asks once and goes on when nothing changed in the last 500 ms', async () => {
    const screen = screenQuietFor(IDLE_QUIET_MS + 1);
    await waitForIdle(screen.ui, 10_000);
    expect(screen.asked()).toBe(1);
  });

  it('waits for the quiet time after a change, and skips the wait when the timeout is not above zero', async () => {
    const changing = screenQuietFor(0);
    await waitForIdle(changing.ui, 10_000);
    expect(changing.asked()).toBeGreaterThan(1);
    const skipped = screenQuietFor(0);
    await waitForIdle(skipped.ui, 0);
    expect(skipped.asked()).toBe(0);
  });

  it('gives up at the timeout on a screen that never settles', async () => {
    const ui = { msSinceAccessibilityEvent: () => 0 };
    await expect(waitForIdle(ui, 30)).resolves.toBeTypeOf('number');
  });

  it('reads the setting as a number or numeric string, defaulting to 10 s', () => {
    expect(readWaitForIdleTimeout({ waitForIdleTimeout: 50 })).toBe(50);
    expect(readWaitForIdleTimeout({ waitForIdleTimeout: '0' })).toBe(0);
    expect(readWaitForIdleTimeout({})).toBe(10_000);
  });
});
