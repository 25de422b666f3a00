import type { EmulatorProfile } from '../../harness/config/index.ts';

/** Guest RAM of every lab AVD, in MB (what the virtual SDK's AVDs declare too; README sizes a lab by it). */
export const AVD_RAM_MB = 2048;
/** Largest size the userdata image may grow to (sparse: it takes what the guest writes). */
export const AVD_DATA_PARTITION = '6G';

/**
 * config.ini keys that make an AVD's screen and inputs match its profile, with a fixed guest RAM and
 * data partition so that the memory and disk one instance costs are known (README, "Pointing it at a
 * real Android SDK").
 */
export function avdConfigOverrides(profile: EmulatorProfile): Record<string, string> {
  return {
    'hw.lcd.width': String(profile.device.screen.width),
    'hw.lcd.height': String(profile.device.screen.height),
    'hw.lcd.density': String(profile.device.screen.density),
    'hw.keyboard': 'yes',
    'hw.audioInput': 'no',
    'hw.ramSize': String(AVD_RAM_MB),
    'disk.dataPartition.size': AVD_DATA_PARTITION,
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
