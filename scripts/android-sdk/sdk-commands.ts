import type { EmulatorProfile } from '../../harness/config/index.ts';

/** One command to run, as argv (never a shell line). */
export interface SdkCommand {
  argv: string[];
  /** What it is for, printed before it runs. */
  why: string;
}

/**
 * The sdkmanager/avdmanager commands that give a real Android SDK what the device profiles need:
 * platform-tools and the emulator, each profile's system image, and an AVD per profile whose screen
 * matches the profile (hw.lcd.* are written by the caller into the AVD's config.ini).
 */
export function sdkCommandsFor(sdkRoot: string, profiles: readonly EmulatorProfile[]): SdkCommand[] {
  const sdkmanager = `${sdkRoot}/cmdline-tools/latest/bin/sdkmanager`;
  const avdmanager = `${sdkRoot}/cmdline-tools/latest/bin/avdmanager`;
  const images = [...new Set(profiles.map((profile) => profile.systemImage))];
  const commands: SdkCommand[] = [
    { argv: [sdkmanager, '--install', 'platform-tools', 'emulator', ...images], why: `install platform-tools, the emulator and ${images.length} system image(s)` },
  ];
  for (const profile of profiles) {
    commands.push({
      argv: [avdmanager, 'create', 'avd', '--force', '--name', profile.avd, '--package', profile.systemImage, '--device', 'pixel_6'],
      why: `create AVD ${profile.avd} for profile ${profile.name} (API ${profile.apiLevel})`,
    });
  }
  return commands;
}

/** config.ini lines that make an AVD's screen match its profile. */
export function avdConfigOverrides(profile: EmulatorProfile): Record<string, string> {
  return {
    'hw.lcd.width': String(profile.device.screen.width),
    'hw.lcd.height': String(profile.device.screen.height),
    'hw.lcd.density': String(profile.device.screen.density),
    'hw.keyboard': 'yes',
    'hw.audioInput': 'no',
  };
}
