/**
 * The profile's `systemDialogs` as handlers: what shows a dialog is there (one locator) and what to tap
 * to answer it. Built-in handlers find Google Play Protect's dialogs by the Play Store's package and
 * their button texts (Google documents the texts, not the resource ids), and system_server's ANR dialog
 * by its framework ids (AppNotRespondingDialog: android:id/aerr_wait, aerr_close).
 */
import type { SystemDialogHandlerConfig } from '../../config/system-dialogs-schema.ts';
import { toLocator, type Locator } from '../../appium/locate.ts';

export const PLAY_STORE_PACKAGE = 'com.android.vending';

export interface SystemDialogHandler {
  /** Names the dialog in evidence (`play-protect`, `anr`, or the profile's name). */
  name: string;
  /** Present while the dialog is shown. */
  match: Locator;
  /** Tapped in order; each must be shown (a later one may appear only after the one before). */
  taps: readonly Locator[];
}

function uiSelector(expression: string): Locator {
  return { using: '-android uiautomator', value: `new UiSelector()${expression}` };
}

function javaString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function playStoreButton(text: string): Locator {
  return uiSelector(`.packageName(${javaString(PLAY_STORE_PACKAGE)}).text(${javaString(text)})`);
}

const SEND_CONSENT: SystemDialogHandler = { name: 'play-protect', match: playStoreButton("Don't send"), taps: [playStoreButton("Don't send")] };
const INSTALL_ANYWAY: SystemDialogHandler = { name: 'play-protect', match: playStoreButton('Install anyway'), taps: [playStoreButton('Install anyway')] };
// "Unsafe app blocked" keeps "Install anyway" behind "More details".
const MORE_DETAILS: SystemDialogHandler = { name: 'play-protect', match: playStoreButton('More details'), taps: [playStoreButton('More details'), playStoreButton('Install anyway')] };

const ANR_WAIT = uiSelector('.packageName("android").resourceId("android:id/aerr_wait")');
const ANR_CLOSE = uiSelector('.packageName("android").resourceId("android:id/aerr_close")');

/** The handlers for a profile's `systemDialogs`, in the profile's order. */
export function resolveSystemDialogHandlers(configs: readonly SystemDialogHandlerConfig[]): SystemDialogHandler[] {
  return configs.flatMap((config): SystemDialogHandler[] => {
    if ('playProtect' in config) return config.playProtect === 'installAnyway' ? [INSTALL_ANYWAY, MORE_DETAILS, SEND_CONSENT] : [SEND_CONSENT];
    // Only the ANR dialog has "Wait" (the crash dialog shares aerr_close).
    if ('anr' in config) return [{ name: 'anr', match: ANR_WAIT, taps: [config.anr === 'wait' ? ANR_WAIT : ANR_CLOSE] }];
    return [{ name: config.name, match: toLocator(config.match), taps: [toLocator(config.tap)] }];
  });
}

/** Text of the Play Store's windows: Play Protect's dialogs, the ones that hold an install. */
export const PLAY_STORE_DIALOG_TEXT: Locator = {
  using: '-android uiautomator',
  value: `new UiSelector().packageName(${javaString(PLAY_STORE_PACKAGE)}).className("android.widget.TextView")`,
};

/**
 * Text of any dialog Android or Google Play may put in front of an app: the Play Store's windows
 * (Play Protect) and system_server's own dialogs (app not responding, crashes, old-app warnings).
 */
export const KNOWN_SYSTEM_DIALOG_TEXT: Locator = {
  using: '-android uiautomator',
  value: [
    `new UiSelector().packageName(${javaString(PLAY_STORE_PACKAGE)}).className("android.widget.TextView")`,
    'new UiSelector().packageName("android").resourceId("android:id/alertTitle")',
    'new UiSelector().packageName("android").resourceId("android:id/message")',
  ].join('; '),
};
