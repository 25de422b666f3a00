/** Device facts the driver reads at session start: pixel ratio, system bars, window size, device info. */
import { createHash } from 'node:crypto';
import type { DeviceProfile } from '../device/contracts.ts';

export function readPixelRatio(profile: DeviceProfile): number {
  return profile.density / 160;
}

/** Status bar height in px: 24 dp, as the UI lays it out. */
export function readStatusBarHeight(profile: DeviceProfile): number {
  return Math.round(24 * readPixelRatio(profile));
}

export function readDeviceInfo(profile: DeviceProfile, serial: string): Record<string, unknown> {
  return {
    // Settings.Secure.ANDROID_ID: 16 hex digits, stable per device.
    androidId: createHash('sha256').update(`${profile.avdName}|${serial}`).digest('hex').slice(0, 16),
    manufacturer: profile.manufacturer,
    model: profile.model,
    brand: profile.manufacturer.toLowerCase() === 'google' ? 'google' : profile.manufacturer,
    apiVersion: String(profile.apiLevel),
    platformVersion: profile.release,
    carrierName: 'T-Mobile',
    realDisplaySize: `${profile.screenWidth}x${profile.screenHeight}`,
    displayDensity: profile.density,
    networks: [],
    locale: 'en_US',
    timeZone: 'GMT',
    bluetooth: { state: 'OFF' },
  };
}
