import type { EmulatorProfile } from '../../harness/config/index.ts';

/** `system-images;android-33;google_apis;x86_64` → `system-images/android-33/google_apis/x86_64`. */
export function systemImageDir(profile: EmulatorProfile): string {
  return profile.systemImage.split(';').join('/');
}

/** `<avd>.ini` as avdmanager writes it. */
export function formatAvdIni(profile: EmulatorProfile, avdDir: string): string {
  return [
    'avd.ini.encoding=UTF-8',
    `path=${avdDir}`,
    `path.rel=avd/${profile.avd}.avd`,
    `target=android-${profile.apiLevel}`,
    '',
  ].join('\n');
}

/** `<avd>.avd/config.ini` with the keys the emulator reads for the screen and the device. */
export function formatAvdConfig(profile: EmulatorProfile): string {
  const [, , tag = 'google_apis', abi = 'x86_64'] = profile.systemImage.split(';');
  return [
    `AvdId=${profile.avd}`,
    `avd.ini.displayname=${profile.avd.replaceAll('_', ' ')}`,
    'avd.ini.encoding=UTF-8',
    `abi.type=${abi}`,
    'hw.cpu.arch=x86_64',
    `hw.device.manufacturer=${profile.device.manufacturer}`,
    `hw.device.name=${profile.device.name}`,
    `hw.lcd.width=${profile.device.screen.width}`,
    `hw.lcd.height=${profile.device.screen.height}`,
    `hw.lcd.density=${profile.device.screen.density}`,
    'hw.ramSize=2048',
    `image.sysdir.1=${systemImageDir(profile)}/`,
    `tag.id=${tag}`,
    'PlayStore.enabled=false',
    '',
  ].join('\n');
}

/** The system image's `build.prop`: the properties the emulator turns into the device's ro.* values. */
export function formatBuildProp(profile: EmulatorProfile): string {
  return [
    '# stalkerbench virtual system image',
    `ro.build.version.release=${profile.release}`,
    `ro.build.version.sdk=${profile.apiLevel}`,
    `ro.product.manufacturer=${profile.device.manufacturer}`,
    `ro.product.brand=${profile.device.manufacturer === 'Google' ? 'google' : profile.device.manufacturer.toLowerCase()}`,
    `ro.product.model=${profile.device.model}`,
    `ro.product.device=${profile.device.name}`,
    `ro.product.name=${profile.device.model.replaceAll(' ', '_')}`,
    `ro.product.cpu.abi=x86_64`,
    '',
  ].join('\n');
}
