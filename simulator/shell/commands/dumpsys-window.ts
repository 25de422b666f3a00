/**
 * `dumpsys window [policy|displays|windows]` and `dumpsys power`: unlocked, awake, screen on, with
 * `mCurrentFocus=Window{hash u0 pkg/act}` and `mFocusedApp=ActivityRecord{hash u0 pkg/.act tN}`
 * (appium-adb getFocusedPackageAndActivity, isScreenLocked).
 */
import type { AndroidModel } from '../../device/android-model.ts';
import { shortComponentName } from '../../device/package-record.ts';
import { objectHash } from './object-hash.ts';

export function dumpWindow(device: AndroidModel, args: readonly string[]): string {
  const section = args.find((arg) => !arg.startsWith('-'));
  switch (section) {
    case 'policy': case 'p': return policySection();
    case 'displays': case 'd': return displaysSection(device);
    case 'windows': case 'w': return windowsSection(device);
    case 'lastanr': case 'l': return lastAnrSection();
    case undefined:
      return [lastAnrSection(), policySection(), displaysSection(device), windowsSection(device)].join('---------------------------------------------------------------------------\n');
    default:
      return `Bad window command, or no windows match: ${section}\nUse -h for help.\n`;
  }
}

function lastAnrSection(): string {
  return 'WINDOW MANAGER LAST ANR (dumpsys window lastanr)\n  <no ANR has occurred since boot>\n';
}

function policySection(): string {
  return [
    'WINDOW MANAGER POLICY STATE (dumpsys window policy)',
    '    mSafeMode=false mSystemReady=true mSystemBooted=true',
    '    mCameraLensCoverState=LENS_COVER_ABSENT',
    '    mWakeGestureEnabledSetting=true',
    '    mSupportAutoRotation=true mOrientationSensorEnabled=false',
    '    mUiMode=UI_MODE_TYPE_NORMAL mEnableCarDockHomeCapture=true',
    '    mLidState=LID_ABSENT mLidOpenRotation=-1',
    '    mDockMode=EXTRA_DOCK_STATE_UNDOCKED mLastSystemUiFlags=0x0',
    '    mShortPressOnPowerBehavior=1 mLongPressOnPowerBehavior=1',
    '    mAllowStartActivityForLongPressOnPowerDuringSetup=false',
    '    mHasSoftInput=true mHapticTextHandleEnabled=false',
    '    mDismissImeOnBackKeyPressed=false',
    '    mIncallPowerBehavior=Sleep mIncallBackBehavior=Do nothing',
    '    mEndcallBehavior=Sleep|Home',
    '    mShowingLockscreen=false mShowingDream=false mDreamingLockscreen=false',
    '    mScreenOnEarly=true mScreenOnFully=true',
    '    mKeyguardDrawComplete=true mWindowManagerDrawComplete=true',
    '    mHomePressed=false',
    '    mAllowLockscreenWhenOnDisplays={0}',
    '    mLockScreenTimeout=60000 mLockScreenTimerActive=false',
    '    KeyguardServiceDelegate',
    '      showing=false',
    '      inputRestricted=false',
    '      occluded=false',
    '      secure=false',
    '      dreaming=false',
    '      systemIsReady=true',
    '      deviceHasKeyguard=true',
    '      enabled=true',
    '      offReason=OFF_BECAUSE_OF_USER',
    '      currentUser=0',
    '      bootCompleted=true',
    '      screenState=SCREEN_STATE_ON',
    '      interactiveState=INTERACTIVE_STATE_AWAKE',
    '      KeyguardStateMonitor',
    '        mIsShowing=false',
    '        mSimSecure=false',
    '        mInputRestricted=false',
    '        mTrusted=false',
    '        mCurrentUserId=0',
    '',
  ].join('\n') + '\n';
}

function focusLines(device: AndroidModel): string[] {
  const focused = device.ui.focusedWindow();
  const activity = focused.activity;
  const isActivity = activity.includes('.');
  const windowName = isActivity ? `${focused.packageName}/${activity}` : activity;
  const focusedWindow = `Window{${objectHash(`win:${windowName}`)} u0 ${windowName}}`;
  const appPackage = isActivity ? focused.packageName : 'com.android.launcher3';
  const appActivity = isActivity ? activity : 'com.android.launcher3.uioverrides.QuickstepLauncher';
  const short = shortComponentName(appPackage, appActivity);
  const task = 10 + (Number.parseInt(objectHash(`task:${appPackage}`), 16) % 90);
  return [
    `  mCurrentFocus=${focusedWindow}`,
    `  mFocusedApp=ActivityRecord{${objectHash(`act:${short}`)} u0 ${short} t${task}}`,
  ];
}

function displaysSection(device: AndroidModel): string {
  const { screenWidth: width, screenHeight: height, density } = device.profile;
  const statusBar = Math.round((24 * density) / 160);
  const navBar = Math.round((48 * density) / 160);
  return [
    'WINDOW MANAGER DISPLAY CONTENTS (dumpsys window displays)',
    `  Display: mDisplayId=0 rootTasks=2`,
    `    init=${width}x${height} ${density}dpi base=${width}x${height} ${density}dpi cur=${width}x${height} app=${width}x${height - navBar} rng=${width}x${width - statusBar}-${height - navBar}x${height - navBar}`,
    `    deferred=false mLayoutNeeded=false mTouchExcludeRegion=SkRegion((0,0,${width},${height}))`,
    '',
    `  mLayoutSeq=${120 + (width % 37)}`,
    ...focusLines(device),
    '',
  ].join('\n') + '\n';
}

function windowsSection(device: AndroidModel): string {
  const focused = device.ui.focusedWindow();
  const name = focused.activity.includes('.') ? `${focused.packageName}/${focused.activity}` : focused.activity;
  return [
    'WINDOW MANAGER WINDOWS (dumpsys window windows)',
    `  Window #0 Window{${objectHash('win:NavigationBar0')} u0 NavigationBar0}:`,
    '    mDisplayId=0 rootTaskId=1 mSession=Session{ 0:u0a10090} mClient=android.os.BinderProxy',
    `  Window #1 Window{${objectHash('win:StatusBar')} u0 StatusBar}:`,
    '    mDisplayId=0 rootTaskId=1 mSession=Session{ 0:u0a10090} mClient=android.os.BinderProxy',
    `  Window #2 Window{${objectHash(`win:${name}`)} u0 ${name}}:`,
    `    mDisplayId=0 rootTaskId=1 mSession=Session{ 0:u0a10000} mClient=android.os.BinderProxy`,
    '    mHasSurface=true isReadyForDisplay()=true mWindowRemovalAllowed=false',
    '',
    ...focusLines(device),
    '  mInputMethodTarget=null',
    '',
  ].join('\n') + '\n';
}

export function dumpPower(device: AndroidModel): string {
  const uptime = Math.max(1, device.now() % 10_000_000);
  return [
    'POWER MANAGER (dumpsys power)',
    '',
    'Power Manager State:',
    '  Settings power_manager_constants:',
    '    no_cached_wake_locks=true',
    '  mDirty=0x0',
    '  mWakefulness=Awake',
    '  mWakefulnessChanging=false',
    '  mIsPowered=true',
    '  mPlugType=1',
    '  mBatteryLevel=100',
    '  mBatteryLevelWhenDreamStarted=0',
    '  mDockState=0',
    '  mStayOn=true',
    '  mProximityPositive=false',
    '  mBootCompleted=true',
    '  mSystemReady=true',
    '  mHalAutoSuspendModeEnabled=false',
    '  mHalInteractiveModeEnabled=true',
    '  mWakeLockSummary=0x0',
    '  mUserActivitySummary=0x1',
    '  mRequestWaitForNegativeProximity=false',
    '  mSandmanScheduled=false',
    '  mBatteryLevelLow=false',
    '  mLightDeviceIdleMode=false',
    '  mDeviceIdleMode=false',
    `  mLastWakeTime=${uptime} (0 ms ago)`,
    '  mLastSleepTime=0',
    '  mDisplayReady=true',
    '  mHoldingWakeLockSuspendBlocker=false',
    '  mHoldingDisplaySuspendBlocker=true',
    '',
    'Display Power: state=ON',
    '',
  ].join('\n') + '\n';
}
