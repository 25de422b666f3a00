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
  await dragVertically(driver, Math.round(width / 2), Math.round(height * fromRatio), Math.round(height * toRatio));
}

/** Left, top, right, bottom in screen pixels (a view's `bounds`). */
export type ScreenBox = readonly [number, number, number, number];

/**
 * One upward drag inside a scrolling view's visible bounds (its content scrolls down), from `fromRatio`
 * to `toRatio` of its height through its middle. Starting inside the view makes the drag move it: a
 * drag that lands on a fixed header or footer moves nothing. The distance (half the view by default)
 * is less than the view's height, so consecutive screens share rows; the rest before lifting means no
 * fling (see dragVertically).
 */
export async function dragUpWithin(driver: Browser, box: ScreenBox, fromRatio = 0.8, toRatio = 0.3): Promise<void> {
  const [left, top, right, bottom] = box;
  const height = bottom - top;
  await dragVertically(driver, Math.round((left + right) / 2), Math.round(top + height * fromRatio), Math.round(top + height * toRatio));
}

/**
 * A vertical drag as W3C pointer actions. The finger rests before lifting, so VelocityTracker reports
 * a release velocity of zero (ASSUME_POINTER_STOPPED_TIME, 40 ms) and RecyclerView/ScrollView start no
 * fling (OverScroller): the content moves by the finger's distance only.
 */
async function dragVertically(driver: Browser, x: number, fromY: number, toY: number): Promise<void> {
  await driver.performActions([
    {
      type: 'pointer',
      id: 'finger1',
      parameters: { pointerType: 'touch' },
      actions: [
        { type: 'pointerMove', duration: 0, x, y: fromY },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', duration: 400, x, y: toY },
        { type: 'pause', duration: REST_BEFORE_LIFT_MS },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ]);
  await driver.releaseActions();
}

/** A point as percentages of the screen's width and height (0–100). */
export interface ScreenPercent {
  x: number;
  y: number;
}

/**
 * One straight drag between two points given in percent of the screen, as W3C pointer actions
 * (the same finger model as dragVertically: it rests before lifting, so nothing flings).
 */
export async function swipeBetween(driver: Browser, from: ScreenPercent, to: ScreenPercent): Promise<void> {
  const { width, height } = await driver.getWindowSize();
  const at = (point: ScreenPercent) => ({ x: Math.round((width * point.x) / 100), y: Math.round((height * point.y) / 100) });
  const start = at(from);
  const end = at(to);
  await driver.performActions([
    {
      type: 'pointer',
      id: 'finger1',
      parameters: { pointerType: 'touch' },
      actions: [
        { type: 'pointerMove', duration: 0, x: start.x, y: start.y },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', duration: 400, x: end.x, y: end.y },
        { type: 'pause', duration: REST_BEFORE_LIFT_MS },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ]);
  await driver.releaseActions();
}
