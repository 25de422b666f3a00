/**
 * Heads-up notification banners (SystemUI). A notification whose channel has IMPORTANCE_HIGH peeks at the
 * top of the screen when it is posted (NotificationInterruptStateProviderImpl.canHeadsUpCommon /
 * shouldHeadsUp: `importance < IMPORTANCE_HIGH` → no heads-up; none while the shade is expanded) and
 * stays until HeadsUpManager's auto-dismiss: `R.integer.heads_up_notification_decay`, 5000 ms in
 * frameworks/base packages/SystemUI/res/values/config.xml. Only the newest one shows.
 *
 * Since Android 12 the banner is drawn in the notification shade window (NotificationShadeWindowView,
 * TYPE_NOTIFICATION_SHADE) made touchable only where the banner is and FLAG_NOT_FOCUSABLE while the
 * shade is collapsed: it takes taps, is never the focused window, so a default UiAutomator2 lookup
 * (active window only) never sees it. A tap opens the notification (its content intent) and releases
 * the banner; a swipe up dismisses it.
 */
import type { UiNotification, UiPackageInfo } from './contracts.ts';
import { COLORS, type Dimens } from './dimens.ts';
import { SYSTEMUI_PACKAGE } from './system-bars.ts';
import { ellipsize } from './text-layout.ts';
import { createView, type View } from './view.ts';

/** SystemUI `heads_up_notification_decay` (HeadsUpManager.mAutoDismissNotificationDecay). */
export const HEADS_UP_DECAY_MS = 5000;
/** NotificationManager.IMPORTANCE_DEFAULT: what `dumpsys notification` prints when a channel sets none. */
export const IMPORTANCE_DEFAULT = 3;
/** NotificationManager.IMPORTANCE_HIGH: the lowest importance that peeks. */
export const IMPORTANCE_HIGH = 4;

/** A banner shown once: `key@postTime`, so a re-post (a new postTime) peeks again. */
export function headsUpKey(notification: UiNotification): string {
  return `${notification.key}@${notification.postTime}`;
}

/** The banner on screen now: the newest high-importance notification posted less than the decay ago, not released. */
export function pickHeadsUp(notifications: readonly UiNotification[], now: number, released: readonly string[]): UiNotification | undefined {
  const peeking = notifications.filter((n) => (n.importance ?? IMPORTANCE_DEFAULT) >= IMPORTANCE_HIGH
    && now >= n.postTime && now - n.postTime < HEADS_UP_DECAY_MS && !released.includes(headsUpKey(n)));
  return peeking.sort((a, b) => b.postTime - a.postTime)[0];
}

/** The banner: a card under the status bar with the app name, title and text, as the shade's rows show them. */
export function layoutHeadsUp(dimens: Dimens, notification: UiNotification, packages: readonly UiPackageInfo[]): View {
  const pad = dimens.dp(8);
  const cardPad = dimens.dp(16);
  const appFace = dimens.face('caption');
  const titleFace = dimens.face('subtitle');
  const textFace = dimens.face('body');
  const left = pad;
  const top = dimens.statusBarHeight + pad;
  const width = dimens.width - 2 * pad;
  const inner = width - 2 * cardPad;
  const height = 2 * cardPad + appFace.lineHeight + titleFace.lineHeight + textFace.lineHeight;
  const x = left + cardPad;
  const appY = top + cardPad;
  const titleY = appY + appFace.lineHeight;
  const textY = titleY + titleFace.lineHeight;
  const appName = packages.find((p) => p.packageName === notification.packageName)?.label ?? notification.packageName;
  const text = (id: string, key: string, value: string, y: number, face: typeof appFace, color: number): View => createView({
    key, className: 'android.widget.TextView', packageName: SYSTEMUI_PACKAGE, resourceId: `android:id/${id}`, text: value,
    bounds: [x, y, x + inner, y + face.lineHeight],
    draw: [{ op: 'text', x, y, text: ellipsize(value, face, inner), face, color }],
  });
  return createView({
    key: `heads_up:${notification.key}`, className: 'android.widget.FrameLayout', packageName: SYSTEMUI_PACKAGE,
    resourceId: `${SYSTEMUI_PACKAGE}:id/expandableNotificationRow`, clickable: true, focusable: true, longClickable: true,
    bounds: [left, top, left + width, top + height],
    draw: [{ op: 'rect', x: left, y: top, w: width, h: height, color: COLORS.shadeCard, radius: dimens.dp(16) }],
    action: { kind: 'notification', key: notification.key },
    children: [
      text('app_name_text', 'app', appName, appY, appFace, COLORS.secondaryText),
      text('title', 'title', notification.title, titleY, titleFace, COLORS.text),
      text('text', 'text', notification.text, textY, textFace, COLORS.secondaryText),
    ],
  });
}
