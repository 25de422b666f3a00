/**
 * How far a list keeps scrolling after the finger leaves it moving: Android's OverScroller spline
 * (frameworks/base core/java/android/widget/OverScroller.java, SplineOverScroller.getSplineFlingDistance),
 * started by RecyclerView/ScrollView when the release velocity is at least ViewConfiguration's minimum
 * fling velocity (50 dp/s) and capped at its maximum (8000 dp/s). The velocity is what VelocityTracker
 * reports at ACTION_UP: zero once the pointer has rested for 40 ms (VelocityTracker.cpp,
 * ASSUME_POINTER_STOPPED_TIME), so a drag that stops before lifting does not fling.
 */

/** ViewConfiguration.SCROLL_FRICTION. */
const SCROLL_FRICTION = 0.015;
/** OverScroller.INFLEXION. */
const INFLEXION = 0.35;
/** OverScroller.DECELERATION_RATE = ln(0.78) / ln(0.9). */
const DECELERATION_RATE = Math.log(0.78) / Math.log(0.9);
/** SensorManager.GRAVITY_EARTH. */
const GRAVITY_EARTH = 9.80665;
/** ViewConfiguration.MINIMUM_FLING_VELOCITY and MAXIMUM_FLING_VELOCITY, dp/s. */
const MIN_FLING_DP_S = 50;
const MAX_FLING_DP_S = 8000;
/** VelocityTracker's ASSUME_POINTER_STOPPED_TIME. */
export const POINTER_STOPPED_MS = 40;

/**
 * Extra scroll distance in px for a release at `velocityPxPerS` (the sign is ignored) on a screen of
 * `density` (px per dp); 0 below the minimum fling velocity.
 */
export function flingDistancePx(velocityPxPerS: number, density: number): number {
  const speed = Math.min(Math.abs(velocityPxPerS), MAX_FLING_DP_S * density);
  if (speed < MIN_FLING_DP_S * density) return 0;
  const ppi = density * 160;
  // OverScroller's mPhysicalCoeff: gravity × inches per metre × ppi × 0.84 (the "tuned" friction factor).
  const physicalCoeff = GRAVITY_EARTH * 39.37 * ppi * 0.84;
  const deceleration = Math.log((INFLEXION * speed) / (SCROLL_FRICTION * physicalCoeff));
  return SCROLL_FRICTION * physicalCoeff * Math.exp((DECELERATION_RATE / (DECELERATION_RATE - 1)) * deceleration);
}
