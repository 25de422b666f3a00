/**
 * Google Play Protect as the required package verifier of a Google Play image (config.ini
 * `tag.id=google_apis_playstore`): PackageManagerService holds every adb install until the Play Store
 * (`com.android.vending`) answers (device/package-verifier.ts), and for an app it flags the Play Store
 * puts a dialog in front first. Play Protect is GMS, not AOSP; the dialogs follow Google's public
 * descriptions (developers.google.com/android/play-protect/warning-dev-guidance; support.google.com
 * /googleplay/answer/2812853) and the Play Store's activities
 * com.google.android.finsky.verifier.impl.ConsentDialog and …verifier.impl.legacydialogs.PackageWarningDialog:
 * - `unknown` — "Send app for security check?" (Play Protect has not seen the app): "Don't send" or
 *   "Send", both let the install go on;
 * - `harmful` — "Blocked by Play Protect" with the harm it found: "OK" refuses the install
 *   (INSTALL_FAILED_VERIFICATION_FAILURE), "Install anyway" lets it through;
 * - `unsafe` — "Unsafe app blocked": "OK" refuses; "More details" shows "Install anyway".
 * Leaving a dialog with BACK answers as its dismissive button does. What Play Protect makes of an app
 * comes from the app's behaviour file (`playProtect`); an app without one is one Play Protect knows
 * as safe. The resource ids are AlertDialog's (the Play Store's are not public): match these dialogs
 * by package and text.
 */
import type { ScreenSpec, WidgetSpec } from '../../ui/index.ts';
import type { VerificationAnswer, VerificationRequest } from '../../device/package-verifier.ts';
import { loadBehaviourFromApk } from '../load-behaviour.ts';
import type { Device, SystemScreenBroker } from './system-screen-broker.ts';

export const PLAY_STORE_PACKAGE = 'com.android.vending';
export const CONSENT_ACTIVITY = 'com.google.android.finsky.verifier.impl.ConsentDialog';
export const WARNING_ACTIVITY = 'com.google.android.finsky.verifier.impl.legacydialogs.PackageWarningDialog';

export type PlayProtectVerdict = 'unknown' | 'harmful' | 'unsafe';

/** Google Play images ship the Play Store, and with it Play Protect. */
export function hasPlayProtect(device: Device): boolean {
  return (device.profile.imageTag ?? '').includes('playstore');
}

function button(id: string, text: string, eventName: string): WidgetSpec {
  return { kind: 'Button', id, text, variant: 'text', onTap: { type: 'event', name: eventName } };
}

/** The dialog for a verdict; `details` is the "Unsafe app blocked" dialog after "More details". */
export function buildPlayProtectDialog(verdict: PlayProtectVerdict, appLabel: string, eventPrefix: string, details = false): ScreenSpec {
  const dialog = (title: string, message: string, buttons: WidgetSpec[]): ScreenSpec => ({ appBar: false, widgets: [
    { kind: 'TextView', id: 'android:id/alertTitle', style: 'headline', text: title },
    { kind: 'TextView', id: 'android:id/message', text: message },
    { kind: 'LinearLayout', orientation: 'horizontal', children: buttons },
  ] });
  switch (verdict) {
    case 'unknown':
      return dialog('Send app for security check?', `Play Protect hasn't seen ${appLabel} before. Sending it to Google for a code-level scan helps check that it is safe.`, [
        button('android:id/button2', "Don't send", `${eventPrefix}dont-send`),
        button('android:id/button1', 'Send', `${eventPrefix}send`),
      ]);
    case 'harmful':
      return dialog('Blocked by Play Protect', `${appLabel}: this app can spy on you by monitoring your location or your activity on this device.`, [
        button('android:id/button3', 'Install anyway', `${eventPrefix}install-anyway`),
        button('android:id/button1', 'OK', `${eventPrefix}ok`),
      ]);
    case 'unsafe':
      return dialog('Unsafe app blocked', `Play Protect doesn't recognize the developer of ${appLabel}. Apps from unknown developers can sometimes be unsafe.`, details
        ? [button('android:id/button3', 'Install anyway', `${eventPrefix}install-anyway`), button('android:id/button1', 'OK', `${eventPrefix}ok`)]
        : [button('android:id/button3', 'More details', `${eventPrefix}details`), button('android:id/button1', 'OK', `${eventPrefix}ok`)]);
  }
}

/** What Play Protect says of an install: allow unless the user refused a blocked app. */
export async function verifyWithPlayProtect(device: Device, broker: SystemScreenBroker, request: VerificationRequest, signal: AbortSignal): Promise<VerificationAnswer> {
  if (!hasPlayProtect(device)) return 'allow';
  const loaded = loadBehaviourFromApk(request.apk, `${request.record.codePath}/base.apk`);
  const verdict = loaded.kind === 'ok' ? loaded.behaviour.playProtect : undefined;
  if (verdict === undefined) return 'allow';
  const activity = verdict === 'unknown' ? CONSENT_ACTIVITY : WARNING_ACTIVITY;
  const gone = (): boolean => device.ui.focusedWindow().packageName !== PLAY_STORE_PACKAGE;
  let details = false;
  try {
    for (;;) {
      const answer = await broker.askOnScreen((prefix) => device.ui.showScreen(PLAY_STORE_PACKAGE, buildPlayProtectDialog(verdict, request.record.label, prefix, details), activity), signal, gone);
      if (answer === 'details') {
        device.ui.closePackage(PLAY_STORE_PACKAGE);
        details = true;
        continue;
      }
      const allowed = verdict === 'unknown' || answer === 'install-anyway';
      device.logSystem('PackageManager', `Play Protect (${PLAY_STORE_PACKAGE}) ${verdict} ${request.record.packageName}: ${answer} → ${allowed ? 'allow' : 'reject'}`);
      return allowed ? 'allow' : 'reject';
    }
  } finally {
    device.ui.closePackage(PLAY_STORE_PACKAGE);
  }
}
