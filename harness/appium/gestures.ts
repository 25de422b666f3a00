import type { Browser } from 'webdriverio';

/**
 * One upward swipe through the middle of the screen (content scrolls down), as W3C pointer actions,
 * from `fromRatio` to `toRatio` of the screen height.
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
        { type: 'pointerMove', duration: 250, x, y: Math.round(height * toRatio) },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ]);
  await driver.releaseActions();
}
