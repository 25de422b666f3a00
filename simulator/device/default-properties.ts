/**
 * System properties of an AOSP/Google APIs x86_64 emulator image for the profile's API level.
 * `sys.boot_completed`, `dev.bootcomplete` and `init.svc.bootanim=stopped` are set by the device
 * when its boot finishes (see create-virtual-device.ts), exactly the keys appium-adb and the
 * harness poll.
 */
import type { DeviceProfile } from './contracts.ts';

/** Security patch dates of the last emulator images per API level. */
const SECURITY_PATCH: Record<number, string> = {
  29: '2020-03-05', 30: '2021-08-05', 31: '2022-06-05', 32: '2022-06-05', 33: '2023-02-05', 34: '2023-09-05',
};

const BUILD_ID: Record<number, string> = {
  29: 'QSR1.210802.001', 30: 'RSR1.210722.013', 31: 'SE1A.220630.001', 32: 'SE1A.220826.008',
  33: 'TE1A.220922.034', 34: 'UE1A.230829.036',
};

export function createDefaultProperties(profile: DeviceProfile): Record<string, string> {
  const api = profile.apiLevel;
  const buildId = BUILD_ID[api] ?? `API${api}.000000.001`;
  const patch = SECURITY_PATCH[api] ?? '2023-09-05';
  const brand = profile.manufacturer === 'Google' ? 'google' : profile.manufacturer.toLowerCase();
  const product = profile.device;
  // Google Play images are user builds signed with release keys: not debuggable, so adbd refuses
  // `adb root` (restart_service.cpp); Google APIs and AOSP images are userdebug builds.
  const debuggable = isDebuggableImage(profile);
  const buildType = debuggable ? 'userdebug' : 'user';
  const keys = debuggable ? 'dev-keys' : 'release-keys';
  const fingerprint = `${brand}/${product}/${product}:${profile.release}/${buildId}/${9_000_000 + api}:${buildType}/${keys}`;
  const props: Record<string, string> = {
    'dalvik.vm.heapsize': '512m',
    'dalvik.vm.isa.x86_64.variant': 'x86_64',
    'debug.force_rtl': '0',
    'gsm.current.phone-type': '1',
    'gsm.network.type': 'LTE',
    'gsm.operator.alpha': 'T-Mobile',
    'gsm.operator.iso-country': 'us',
    'gsm.operator.numeric': '310260',
    'gsm.sim.operator.alpha': 'T-Mobile',
    'gsm.sim.operator.iso-country': 'us',
    'gsm.sim.operator.numeric': '310260',
    'gsm.sim.state': 'LOADED',
    'init.svc.adbd': 'running',
    'init.svc.bootanim': 'running',
    'init.svc.logd': 'running',
    'init.svc.netd': 'running',
    'init.svc.servicemanager': 'running',
    'init.svc.surfaceflinger': 'running',
    'init.svc.zygote': 'running',
    'net.bt.name': 'Android',
    'persist.sys.dalvik.vm.lib.2': 'libart.so',
    'persist.sys.timezone': 'GMT',
    'persist.sys.usb.config': 'adb',
    'qemu.hw.mainkeys': '0',
    'qemu.sf.lcd_density': String(profile.density),
    'ro.adb.secure': '0',
    'ro.allow.mock.location': '0',
    'ro.boot.hardware': 'ranchu',
    'ro.boot.qemu': '1',
    'ro.boot.qemu.avd_name': profile.avdName,
    'ro.boot.serialno': 'EMULATOR32X1X14X0',
    'ro.bootmode': 'unknown',
    'ro.build.characteristics': 'emulator',
    'ro.build.date': 'Thu Sep 14 17:31:42 UTC 2023',
    'ro.build.date.utc': '1694712702',
    'ro.build.description': `${product}-${buildType} ${profile.release} ${buildId} ${9_000_000 + api} ${keys}`,
    'ro.build.display.id': `${product}-${buildType} ${profile.release} ${buildId} ${9_000_000 + api} ${keys}`,
    'ro.build.fingerprint': fingerprint,
    'ro.build.flavor': `${product}-${buildType}`,
    'ro.build.host': 'abfarm-release-2004-0118',
    'ro.build.id': buildId,
    'ro.build.product': product,
    'ro.build.tags': keys,
    'ro.build.type': buildType,
    'ro.build.user': 'android-build',
    'ro.build.version.all_codenames': 'REL',
    'ro.build.version.codename': 'REL',
    'ro.build.version.incremental': String(9_000_000 + api),
    'ro.build.version.preview_sdk': '0',
    'ro.build.version.release': profile.release,
    'ro.build.version.release_or_codename': profile.release,
    'ro.build.version.sdk': String(api),
    'ro.build.version.security_patch': patch,
    'ro.carrier': 'unknown',
    'ro.config.alarm_alert': 'Alarm_Classic.ogg',
    'ro.config.notification_sound': 'OnTheHunt.ogg',
    'ro.crypto.state': 'encrypted',
    'ro.debuggable': debuggable ? '1' : '0',
    'ro.hardware': 'ranchu',
    'ro.kernel.qemu': '1',
    'ro.kernel.qemu.gles': '1',
    'ro.opengles.version': '196608',
    'ro.product.board': 'goldfish_x86_64',
    'ro.product.brand': brand,
    'ro.product.cpu.abi': 'x86_64',
    'ro.product.cpu.abilist': 'x86_64,x86',
    'ro.product.cpu.abilist32': 'x86',
    'ro.product.cpu.abilist64': 'x86_64',
    'ro.product.device': product,
    'ro.product.first_api_level': String(api),
    'ro.product.locale': 'en-US',
    'ro.product.manufacturer': profile.manufacturer,
    'ro.product.model': profile.model,
    'ro.product.name': product,
    'ro.product.system.brand': brand,
    'ro.product.system.device': product,
    'ro.product.system.manufacturer': profile.manufacturer,
    'ro.product.system.model': profile.model,
    'ro.product.system.name': product,
    'ro.revision': '0',
    'ro.secure': '1',
    'ro.serialno': 'EMULATOR32X1X14X0',
    'ro.sf.lcd_density': String(profile.density),
    'ro.system.build.version.sdk': String(api),
    'ro.treble.enabled': 'true',
    'ro.vendor.build.fingerprint': fingerprint,
    'ro.zygote': 'zygote64_32',
    'service.adb.root': '0',
    'sys.usb.config': 'adb',
    'sys.usb.state': 'adb',
    'vold.has_adoptable': '0',
  };
  return props;
}

/** Whether the image is a userdebug build (every tag but the Play Store ones). */
export function isDebuggableImage(profile: Pick<DeviceProfile, 'imageTag'>): boolean {
  return !(profile.imageTag ?? 'google_apis').includes('playstore');
}

/** The properties that flip when boot completes. */
export const BOOT_COMPLETED_PROPERTIES: Readonly<Record<string, string>> = {
  'sys.boot_completed': '1',
  'dev.bootcomplete': '1',
  'init.svc.bootanim': 'stopped',
};

/** The goldfish kernel of the emulator image for an API level (`uname -r`, /proc/version). */
export function kernelRelease(apiLevel: number): string {
  if (apiLevel >= 33) return '5.15.41-android13-8-00055-g4f5025129fe8-ab8949913';
  if (apiLevel >= 31) return '5.10.66-android12-9-00041-gfa9c9074531e-ab7914766';
  if (apiLevel === 30) return '5.4.61-android11-2-00064-g4271ad6e8ade-ab6991359';
  return '4.14.175-g6f3fc9538452';
}
