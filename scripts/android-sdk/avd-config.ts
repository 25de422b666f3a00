import type { EmulatorProfile } from '../../harness/config/index.ts';

/** config.ini keys that make an AVD's screen and inputs match its profile. */
export function avdConfigOverrides(profile: EmulatorProfile): Record<string, string> {
  return {
    'hw.lcd.width': String(profile.device.screen.width),
    'hw.lcd.height': String(profile.device.screen.height),
    'hw.lcd.density': String(profile.device.screen.density),
    'hw.keyboard': 'yes',
    'hw.audioInput': 'no',
  };
}

/**
 * `config.ini` text with each key of `overrides` set: a line that sets the key is replaced in place,
 * keys it lacks are appended, every other line is kept as it was. Running it twice changes nothing.
 */
export function applyAvdConfig(text: string, overrides: Readonly<Record<string, string>>): string {
  const pending = new Map(Object.entries(overrides));
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const result = lines.map((line) => {
    const key = /^\s*([^=#\s][^=]*?)\s*=/.exec(line)?.[1];
    const value = key === undefined ? undefined : overrides[key];
    if (key === undefined || value === undefined || !Object.hasOwn(overrides, key)) return line;
    pending.delete(key);
    return `${key}=${value}`;
  });
  for (const [key, value] of pending) result.push(`${key}=${value}`);
  return `${result.join('\n')}\n`;
}
