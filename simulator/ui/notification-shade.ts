/**
 * The expanded notification shade (systemui): one row per posted notification with the ids the real shade
 * uses (android:id/app_name_text, android:id/title, android:id/text, android:id/time), a "Clear all"
 * button, or "No notifications". All of it has package com.android.systemui, like the real shade.
 */
import type { UiNotification, UiPackageInfo } from './contracts.ts';
import { COLORS, type Dimens } from './dimens.ts';
import type { ScreenState } from './screen-state.ts';
import { formatClock, SYSTEMUI_PACKAGE } from './system-bars.ts';
import { ellipsize, wrapText } from './text-layout.ts';
import { createView, type View } from './view.ts';

const ID = `${SYSTEMUI_PACKAGE}:id/`;

export function layoutNotificationShade(dimens: Dimens, notifications: UiNotification[], packages: UiPackageInfo[], state: ScreenState): View {
  const { width, height, statusBarHeight, navBarHeight } = dimens;
  const pad = dimens.dp(16);
  const cardPad = dimens.dp(16);
  const headerFace = dimens.face('headline');
  const appFace = dimens.face('caption');
  const titleFace = dimens.face('subtitle');
  const textFace = dimens.face('body');
  const labels = new Map(packages.map((p) => [p.packageName, p.label]));
  const top = statusBarHeight + dimens.dp(72);
  const bottom = height - navBarHeight;
  const sorted = [...notifications].sort((a, b) => b.postTime - a.postTime);
  const cardWidth = width - 2 * pad;
  const innerWidth = cardWidth - 2 * cardPad;
  const offset = Math.max(0, state.scroll['notification_stack_scroller'] ?? 0);
  let y = top + dimens.dp(8) - offset;
  const rows: View[] = [];
  for (const n of sorted) {
    const appName = labels.get(n.packageName) ?? n.packageName;
    const textLines = wrapText(n.text, textFace, innerWidth, 3);
    const cardHeight = cardPad * 2 + appFace.lineHeight + titleFace.lineHeight + textLines.length * textFace.lineHeight;
    const x = pad + cardPad;
    const appY = y + cardPad;
    const titleY = appY + appFace.lineHeight;
    const textY = titleY + titleFace.lineHeight;
    const time = formatClock(n.postTime);
    const header = `${appName} • ${time}`;
    rows.push(createView({
      key: `row:${n.key}`, className: 'android.widget.FrameLayout', packageName: SYSTEMUI_PACKAGE, resourceId: `${ID}expandableNotificationRow`,
      clickable: true, focusable: true, longClickable: true, bounds: [pad, y, pad + cardWidth, y + cardHeight],
      draw: [{ op: 'rect', x: pad, y, w: cardWidth, h: cardHeight, color: COLORS.shadeCard, radius: dimens.dp(16) }],
      action: { kind: 'notification', key: n.key },
      children: [
        createView({ key: `row:${n.key}/app`, className: 'android.widget.TextView', packageName: SYSTEMUI_PACKAGE, resourceId: 'android:id/app_name_text', text: appName,
          bounds: [x, appY, x + appFace.measure(appName), appY + appFace.lineHeight],
          draw: [{ op: 'text', x, y: appY, text: ellipsize(header, appFace, innerWidth), face: appFace, color: COLORS.secondaryText }] }),
        createView({ key: `row:${n.key}/time`, className: 'android.widget.DateTimeView', packageName: SYSTEMUI_PACKAGE, resourceId: 'android:id/time', text: time,
          bounds: [x + appFace.measure(`${appName} • `), appY, x + appFace.measure(header), appY + appFace.lineHeight] }),
        createView({ key: `row:${n.key}/title`, className: 'android.widget.TextView', packageName: SYSTEMUI_PACKAGE, resourceId: 'android:id/title', text: n.title,
          bounds: [x, titleY, x + innerWidth, titleY + titleFace.lineHeight],
          draw: [{ op: 'text', x, y: titleY, text: ellipsize(n.title, titleFace, innerWidth), face: titleFace, color: COLORS.text }] }),
        createView({ key: `row:${n.key}/text`, className: 'android.widget.TextView', packageName: SYSTEMUI_PACKAGE, resourceId: 'android:id/text', text: n.text,
          bounds: [x, textY, x + innerWidth, textY + textLines.length * textFace.lineHeight],
          draw: textLines.map((line, i) => ({ op: 'text' as const, x, y: textY + i * textFace.lineHeight, text: line, face: textFace, color: COLORS.secondaryText })) }),
      ],
    }));
    y += cardHeight + dimens.dp(8);
  }
  const footerFace = dimens.face('button');
  if (sorted.length > 0) {
    const label = 'Clear all';
    const w = footerFace.measure(label) + dimens.dp(32);
    const h = dimens.dp(40);
    const x = width - pad - w;
    rows.push(createView({
      key: 'clear_all', className: 'android.widget.Button', packageName: SYSTEMUI_PACKAGE, resourceId: `${ID}dismiss_text`, text: label,
      clickable: true, focusable: true, bounds: [x, y, x + w, y + h],
      draw: [{ op: 'rect', x, y, w, h, color: COLORS.shadeCard, radius: h / 2 }, { op: 'text', x: x + dimens.dp(16), y: y + (h - footerFace.lineHeight) / 2, text: label, face: footerFace, color: COLORS.text }],
      action: { kind: 'clear-notifications' },
    }));
    y += h;
  } else {
    const label = 'No notifications';
    const w = footerFace.measure(label);
    rows.push(createView({
      key: 'no_notifications', className: 'android.widget.TextView', packageName: SYSTEMUI_PACKAGE, resourceId: `${ID}no_notifications`, text: label,
      bounds: [Math.round((width - w) / 2), y + dimens.dp(16), Math.round((width + w) / 2), y + dimens.dp(16) + footerFace.lineHeight],
      draw: [{ op: 'text', x: (width - w) / 2, y: y + dimens.dp(16), text: label, face: footerFace, color: COLORS.launcherText }],
    }));
    y += dimens.dp(16) + footerFace.lineHeight;
  }
  const contentHeight = y + offset - top;
  const max = Math.max(0, contentHeight - (bottom - top));
  const headerText = 'Notifications';
  return createView({
    key: 'notification_shade', className: 'android.widget.FrameLayout', packageName: SYSTEMUI_PACKAGE, resourceId: `${ID}notification_panel`,
    bounds: [0, 0, width, height],
    draw: [{ op: 'rect', x: 0, y: 0, w: width, h: height, color: COLORS.shadeBackground }],
    children: [
      createView({ key: 'header', className: 'android.widget.TextView', packageName: SYSTEMUI_PACKAGE, resourceId: `${ID}header_label`, text: headerText,
        bounds: [pad, statusBarHeight + dimens.dp(16), pad + headerFace.measure(headerText), statusBarHeight + dimens.dp(16) + headerFace.lineHeight],
        draw: [{ op: 'text', x: pad, y: statusBarHeight + dimens.dp(16), text: headerText, face: headerFace, color: COLORS.launcherText }] }),
      createView({ key: 'notification_stack_scroller', className: 'android.widget.ScrollView', packageName: SYSTEMUI_PACKAGE, resourceId: `${ID}notification_stack_scroller`,
        focusable: true, scrollable: max > 0, clip: true, ...(max > 0 ? { scroll: { stateKey: 'notification_stack_scroller', max } } : {}),
        bounds: [0, top, width, bottom], children: rows }),
    ],
  });
}
