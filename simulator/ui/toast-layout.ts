/**
 * A toast: a dark pill near the bottom of the screen. UiAutomator2 reports toasts as `android.widget.Toast`
 * nodes with package com.android.settings whatever app showed them (UiElementSnapshot.addToastMsg).
 */
import { COLORS, type Dimens } from './dimens.ts';
import { wrapText } from './text-layout.ts';
import { createView, type View } from './view.ts';

export function layoutToast(dimens: Dimens, text: string): View {
  const face = dimens.face('body');
  const pad = dimens.dp(16);
  const maxWidth = dimens.width - 2 * dimens.dp(48);
  const lines = wrapText(text, face, maxWidth - 2 * pad, 2);
  const w = Math.min(maxWidth, Math.max(...lines.map((line) => face.measure(line))) + 2 * pad);
  const h = lines.length * face.lineHeight + dimens.dp(24);
  const left = Math.round((dimens.width - w) / 2);
  const top = dimens.height - dimens.navBarHeight - dimens.dp(64) - h;
  return createView({
    key: 'toast', className: 'android.widget.Toast', packageName: 'com.android.settings', text,
    bounds: [left, top, left + w, top + h],
    draw: [
      { op: 'rect', x: left, y: top, w, h, color: 0x323232, radius: h / 2 },
      ...lines.map((line, i) => ({ op: 'text' as const, x: left + (w - face.measure(line)) / 2, y: top + dimens.dp(12) + i * face.lineHeight, text: line, face, color: COLORS.onAccent })),
    ],
  });
}
