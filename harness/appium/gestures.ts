import type { Browser } from 'webdriverio';

/** How long the finger rests before lifting: over VelocityTracker's 40 ms ASSUME_POINTER_STOPPED_TIME. */
const REST_BEFORE_LIFT_MS = 100;

/**
 * One upward drag through the middle of the screen (content scrolls down), as W3C pointer actions,
 * from `fromRatio` to `toRatio` of the screen height. The finger rests before lifting, so Android
 * sees a release velocity of zero and the list does not fling on: it moves by exactly the finger's
 * distance, and consecutive screens of a list overlap instead of skipping rows.
 */
export async function swipeUp(driver: Browser, fromRatio = 0.75, toRatio = 0.3): Promise<void> {
  const { width, height } = await driver.getWindowSize();
  const x = Math.round(width / 2);
  await driver.performActions([
    {
      type: 'pointer',
      id: 'finger1',
      parameters: { pointerType: 'touch' },
      actions: [
        { type: 'pointerMove', duration: 0, x, y: Math.round(height * fromRatio) },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', duration: 400, x, y: Math.round(height * toRatio) },
        { type: 'pause', duration: REST_BEFORE_LIFT_MS },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ]);
  await driver.releaseActions();
}
