/** The status bar (clock, battery, wifi) and the three-button navigation bar, package com.android.systemui. */
import { COLORS, type Dimens } from './dimens.ts';
import { createView, type View } from './view.ts';

export const SYSTEMUI_PACKAGE = 'com.android.systemui';
const SYSTEMUI_ID = `${SYSTEMUI_PACKAGE}:id/`;

/** `HH:MM` on the device clock, 24-hour like the emulator's default locale settings. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * What is under the status bar: its own dark background (launcher, open shade), an app bar in the
 * app's colour (light icons), or a light window without an app bar (dark icons, as Android's
 * SYSTEM_UI_FLAG_LIGHT_STATUS_BAR gives them).
 */
export type StatusBarBackground = 'dark' | 'app-bar' | 'light';

export function layoutStatusBar(dimens: Dimens, now: number, background: StatusBarBackground): View {
  const dark = background === 'dark';
  const { width, statusBarHeight: h } = dimens;
  const face = dimens.face('subtitle');
  const pad = dimens.dp(16);
  const clock = formatClock(now);
  const textY = Math.round((h - face.lineHeight) / 2);
  const iconColor = background === 'light' ? COLORS.text : COLORS.systemIcon;
  const icon = dimens.dp(12);
  const batteryX = width - pad - dimens.dp(8);
  const wifiX = batteryX - dimens.dp(20);
  const iconTop = Math.round((h - icon) / 2);
  return createView({
    key: 'status_bar', className: 'android.widget.FrameLayout', packageName: SYSTEMUI_PACKAGE, resourceId: `${SYSTEMUI_ID}status_bar`,
    bounds: [0, 0, width, h],
    draw: dark ? [{ op: 'rect', x: 0, y: 0, w: width, h, color: COLORS.statusBar }] : [],
    children: [
      createView({
        key: 'clock', className: 'android.widget.TextView', packageName: SYSTEMUI_PACKAGE, resourceId: `${SYSTEMUI_ID}clock`, text: clock,
        contentDesc: clock, bounds: [pad, textY, pad + face.measure(clock), textY + face.lineHeight],
        draw: [{ op: 'text', x: pad, y: textY, text: clock, face, color: iconColor }],
      }),
      createView({
        key: 'system_icons', className: 'android.widget.LinearLayout', packageName: SYSTEMUI_PACKAGE, resourceId: `${SYSTEMUI_ID}system_icons`,
        bounds: [wifiX, iconTop, batteryX + dimens.dp(8), iconTop + icon],
        children: [
          createView({
            key: 'wifi', className: 'android.widget.ImageView', packageName: SYSTEMUI_PACKAGE, resourceId: `${SYSTEMUI_ID}wifi_signal`, contentDesc: 'Wifi signal full.',
            bounds: [wifiX, iconTop, wifiX + icon, iconTop + icon], draw: [{ op: 'circle', cx: wifiX + icon / 2, cy: iconTop + icon / 2, r: icon / 2, color: iconColor }],
          }),
          createView({
            key: 'battery', className: 'android.widget.LinearLayout', packageName: SYSTEMUI_PACKAGE, resourceId: `${SYSTEMUI_ID}battery`, contentDesc: 'Battery 100 percent.',
            bounds: [batteryX, iconTop, batteryX + dimens.dp(8), iconTop + icon], draw: [{ op: 'rect', x: batteryX, y: iconTop, w: dimens.dp(8), h: icon, color: iconColor, radius: dimens.dp(1) }],
          }),
        ],
      }),
    ],
  });
}

export function layoutNavigationBar(dimens: Dimens): View {
  const { width, height, navBarHeight: h } = dimens;
  const top = height - h;
  const buttonWidth = dimens.dp(80);
  const buttons = [
    { key: 'back', desc: 'Back', keyCode: 4, center: width * 0.25 },
    { key: 'home', desc: 'Home', keyCode: 3, center: width * 0.5 },
    { key: 'recent_apps', desc: 'Overview', keyCode: 187, center: width * 0.75 },
  ];
  const glyph = dimens.dp(8);
  const arrow = dimens.face('subtitle');
  return createView({
    key: 'navigation_bar', className: 'android.widget.FrameLayout', packageName: SYSTEMUI_PACKAGE, resourceId: `${SYSTEMUI_ID}navigation_bar_frame`,
    bounds: [0, top, width, height],
    draw: [{ op: 'rect', x: 0, y: top, w: width, h, color: COLORS.navBar }],
    children: buttons.map((button) => {
      const left = Math.round(button.center - buttonWidth / 2);
      const cy = top + h / 2;
      return createView({
        key: button.key, className: 'android.widget.ImageView', packageName: SYSTEMUI_PACKAGE, resourceId: `${SYSTEMUI_ID}${button.key}`,
        contentDesc: button.desc, clickable: true, focusable: true, longClickable: button.key === 'home',
        bounds: [left, top, left + buttonWidth, height],
        draw: button.key === 'home'
          ? [{ op: 'circle', cx: button.center, cy, r: glyph, color: COLORS.systemIcon }, { op: 'circle', cx: button.center, cy, r: glyph - dimens.dp(2), color: COLORS.navBar }]
          : button.key === 'back'
            ? [{ op: 'text', x: button.center - arrow.measure('◀') / 2, y: cy - arrow.lineHeight / 2, text: '◀', face: arrow, color: COLORS.systemIcon }]
            : [{ op: 'rect', x: button.center - glyph, y: cy - glyph, w: glyph * 2, h: glyph * 2, color: COLORS.systemIcon, radius: dimens.dp(2) }, { op: 'rect', x: button.center - glyph + dimens.dp(2), y: cy - glyph + dimens.dp(2), w: glyph * 2 - dimens.dp(4), h: glyph * 2 - dimens.dp(4), color: COLORS.navBar }],
        action: { kind: 'key', keyCode: button.keyCode },
      });
    }),
  });
}
