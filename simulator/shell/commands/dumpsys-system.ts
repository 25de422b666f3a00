/** Smaller dumpsys services: deviceidle (whitelist), battery, accessibility, SurfaceFlinger, display. */
import type { AndroidModel } from '../../device/android-model.ts';
import { ACCESSIBILITY_SETTING, isAccessibilitySuppressed } from '../../device/bound-services.ts';

/** Platform packages on the Doze whitelist of an emulator image: [kind, package, uid]. */
const SYSTEM_WHITELIST: ReadonlyArray<[string, string, number]> = [
  ['system-excidle', 'com.android.providers.downloads', 10_067],
  ['system-excidle', 'com.android.shell', 2000],
  ['system', 'com.android.phone', 1001],
  ['system', 'com.android.shell', 2000],
  ['system', 'com.google.android.gms', 10_114],
  ['system', 'com.android.providers.downloads', 10_067],
];

export function dumpDeviceIdle(device: AndroidModel, args: readonly string[]): string {
  if (args[0] !== 'whitelist') {
    return `  Settings:\n    light_after_inactive_to=+3m0s0ms\n  mLightEnabled=true  mDeepEnabled=true\n  mForceIdle=false\n  mState=ACTIVE mLightState=ACTIVE\n`;
  }
  const changes = args.slice(1);
  if (changes.length === 0) {
    const lines = SYSTEM_WHITELIST.map(([kind, name, uid]) => `${kind},${name},${uid}`);
    for (const name of device.policy.deviceIdleWhitelist) {
      const uid = device.packages.get(name)?.uid;
      if (uid !== undefined) lines.push(`user,${name},${uid}`);
    }
    return `${lines.join('\n')}\n`;
  }
  const out: string[] = [];
  for (const change of changes) {
    const op = change[0];
    const name = change.slice(1);
    if (op === '+') {
      if (device.packages.get(name) === undefined) { out.push(`Unknown package: ${name}`); continue; }
      if (!device.policy.deviceIdleWhitelist.includes(name)) device.policy.deviceIdleWhitelist.push(name);
      out.push(`Added: ${name}`);
    } else if (op === '-') {
      device.policy.deviceIdleWhitelist = device.policy.deviceIdleWhitelist.filter((entry) => entry !== name);
      out.push(`Removed: ${name}`);
    } else {
      out.push(`Package must be prefixed with +, -, or =: ${change}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function dumpBattery(): string {
  return [
    'Current Battery Service state:',
    '  AC powered: true',
    '  USB powered: false',
    '  Wireless powered: false',
    '  Max charging current: 0',
    '  Max charging voltage: 0',
    '  Charge counter: 10000',
    '  status: 2',
    '  health: 2',
    '  present: true',
    '  level: 100',
    '  scale: 100',
    '  voltage: 5000',
    '  temperature: 250',
    '  technology: Li-ion',
    '',
  ].join('\n');
}

/**
 * Enabled accessibility services are those listed in `settings secure enabled_accessibility_services`;
 * they are bound unless accessibility is off or UiAutomation suppresses them.
 */
export function dumpAccessibility(device: AndroidModel): string {
  const enabled = (device.getSetting('secure', ACCESSIBILITY_SETTING) ?? '').split(':').filter((entry) => entry !== '');
  const installed = enabled.filter((component) => device.packages.get(component.split('/')[0] ?? '') !== undefined);
  const on = installed.length > 0 && device.getSetting('secure', 'accessibility_enabled') !== '0' && !isAccessibilitySuppressed(device);
  return [
    'ACCESSIBILITY MANAGER (dumpsys accessibility)',
    '',
    'currentUserId=0',
    'User state[',
    '     attributes:{id=0, touchExplorationEnabled=false, serviceHandlesDoubleTap=false, requestMultiFingerGestures=false, requestTwoFingerPassthrough=false, sendMotionEventsEnabled=false, displayMagnificationEnabled=false, autoclickEnabled=false, nonInteractiveUiTimeout=0, interactiveUiTimeout=0, installedServiceCount=' + installed.length + '}',
    `     Bound services:{${on ? installed.map((component) => `Service[label=${component.split('/')[0] ?? ''}, feedbackType[FEEDBACK_GENERIC], capabilities=1, eventTypes=TYPES_ALL_MASK, notificationTimeout=0, requestA11yBtn=false]`).join(', ') : ''}}`,
    `     Enabled services:{${installed.map((component) => `{${component}}`).join(', ')}}`,
    '     Binding services:{}',
    '     Crashed services:{}',
    ']',
    '',
  ].join('\n');
}

export function dumpSurfaceFlinger(device: AndroidModel, args: readonly string[]): string {
  if (args.includes('--display-id')) {
    return 'Display 4619827259835644672 (HWC display 0): port=0 pnpId=GGL displayName="EMU_display_0"\n';
  }
  const { screenWidth, screenHeight, density } = device.profile;
  return `Build configuration: [sf PRESENT_TIME_OFFSET=0 FORCE_HWC_FOR_RBG_TO_YUV=0 MAX_VIRT_DISPLAY_DIM=0 RUNNING_WITHOUT_SYNC_FRAMEWORK=0 NUM_FRAMEBUFFER_SURFACE_BUFFERS=3]\n\nDisplay 4619827259835644672 (HWC display 0): port=0 pnpId=GGL displayName="EMU_display_0"\n  ${screenWidth}x${screenHeight} ${density}dpi\n`;
}

export function dumpDisplay(device: AndroidModel): string {
  const { screenWidth, screenHeight, density } = device.profile;
  return `DISPLAY MANAGER (dumpsys display)\n  mOnlyCode=false\n  mSafeMode=false\n  mPendingTraversal=false\n  mViewports=[DisplayViewport{type=INTERNAL, valid=true, isActive=true, displayId=0, uniqueId='local:4619827259835644672', physicalPort=0, orientation=0, logicalFrame=Rect(0, 0 - ${screenWidth}, ${screenHeight}), physicalFrame=Rect(0, 0 - ${screenWidth}, ${screenHeight}), deviceWidth=${screenWidth}, deviceHeight=${screenHeight}}]\n  mDefaultDisplayDefaultColorMode=0\n  DisplayDeviceInfo{"Built-in Screen": uniqueId="local:4619827259835644672", ${screenWidth} x ${screenHeight}, modeId 1, defaultModeId 1, density ${density}, ${density}.0 x ${density}.0 dpi, state ON}\n`;
}

/**
 * Whether the soft keyboard shows (simulator/ui/soft-keyboard.ts): appium-adb isSoftKeyboardPresent reads
 * `mInputShown` and `mIsInputViewShown` (InputMethodManagerService.dump, InputMethodService.dump).
 */
export function dumpInputMethod(device: AndroidModel): string {
  const current = device.getSetting('secure', 'default_input_method') ?? 'com.android.inputmethod.latin/.LatinIME';
  const shown = String(device.ui.inputMethodShown());
  return [
    'Current Input Method Manager state:',
    '  Input Methods: mMethodMapUpdateCount=2',
    `  mCurMethodId=${current}`,
    '  mCurFocusedWindowSoftInputMode=STATE_UNSPECIFIED|ADJUST_RESIZE|IS_FORWARD_NAVIGATION',
    `  mInputShown=${shown} mShowRequested=${shown} mShowExplicitlyRequested=false mShowForced=false`,
    `  mIsInputViewShown=${shown}`,
    '',
  ].join('\n');
}
