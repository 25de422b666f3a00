/**
 * A dialog window over a scrim: an AlertDialog with the framework's ids (alertTitle, message, button1–3 in a
 * row) by default, or a system dialog with its own package, ids and stacked full-width buttons.
 */
import { COLORS, type Dimens } from './dimens.ts';
import type { DialogButtonSpec, DialogSpec } from './screen-spec.ts';
import { wrapText } from './text-layout.ts';
import { createView, type View } from './view.ts';

export function layoutDialog(dimens: Dimens, activityPackage: string, dialog: DialogSpec): View {
  const packageName = dialog.packageName ?? activityPackage;
  const { width, height } = dimens;
  const dialogWidth = Math.min(width - 2 * dimens.dp(32), dimens.dp(400));
  const pad = dimens.dp(24);
  const left = Math.round((width - dialogWidth) / 2);
  const inner = dialogWidth - 2 * pad;
  const titleFace = dimens.face('headline');
  const messageFace = dimens.face('body');
  const buttonFace = dimens.face('button');
  const titleLines = dialog.title ? wrapText(dialog.title, titleFace, inner) : [];
  const messageLines = dialog.message ? wrapText(dialog.message, messageFace, inner, 12) : [];
  const titleHeight = titleLines.length * titleFace.lineHeight;
  const messageHeight = messageLines.length * messageFace.lineHeight;
  const buttonHeight = dimens.dp(40);
  const rowButtons = ([['button1', dialog.positive], ['button2', dialog.negative], ['button3', dialog.neutral]] as const)
    .flatMap(([id, button]) => (button ? [{ ...button, id: button.id ?? `android:id/${id}`, key: id }] : []));
  const stacked = (dialog.buttons ?? []).map((button, i) => ({ ...button, key: `stacked${i}` }));
  const stackHeight = stacked.length * (buttonHeight + dimens.dp(8));
  const totalHeight = pad + titleHeight + (titleHeight && messageHeight ? dimens.dp(16) : 0) + messageHeight + pad
    + stackHeight + (rowButtons.length > 0 ? buttonHeight + dimens.dp(16) : 0);
  const top = Math.round((height - totalHeight) / 2);
  const panel: View[] = [];
  let y = top + pad;
  if (titleLines.length > 0) {
    panel.push(createView({ key: 'alertTitle', className: 'android.widget.TextView', packageName, resourceId: dialog.titleId ?? 'android:id/alertTitle', text: dialog.title ?? '',
      bounds: [left + pad, y, left + pad + inner, y + titleHeight],
      draw: titleLines.map((line, i) => ({ op: 'text' as const, x: left + pad, y: y + i * titleFace.lineHeight, text: line, face: titleFace, color: COLORS.text })) }));
    y += titleHeight + (messageHeight ? dimens.dp(16) : 0);
  }
  if (messageLines.length > 0) {
    panel.push(createView({ key: 'message', className: 'android.widget.TextView', packageName, resourceId: dialog.messageId ?? 'android:id/message', text: dialog.message ?? '',
      bounds: [left + pad, y, left + pad + inner, y + messageHeight],
      draw: messageLines.map((line, i) => ({ op: 'text' as const, x: left + pad, y: y + i * messageFace.lineHeight, text: line, face: messageFace, color: COLORS.secondaryText })) }));
    y += messageHeight;
  }
  y += pad;
  const makeButton = (button: DialogButtonSpec & { key: string }, x: number, w: number, filled: boolean): View => createView({
    key: button.key, className: 'android.widget.Button', packageName, text: button.text,
    ...(button.id ? { resourceId: button.id } : {}),
    clickable: true, focusable: true, bounds: [x, y, x + w, y + buttonHeight],
    draw: [
      ...(filled ? [{ op: 'rect' as const, x, y, w, h: buttonHeight, color: COLORS.shadeCard, radius: buttonHeight / 2 }] : []),
      { op: 'text', x: x + (w - buttonFace.measure(button.text)) / 2, y: y + (buttonHeight - buttonFace.lineHeight) / 2, text: button.text, face: buttonFace, color: COLORS.accent },
    ],
    action: { kind: 'app', action: button.onTap ?? { type: 'dismiss' } },
  });
  for (const button of stacked) {
    panel.push(makeButton(button, left + pad, inner, true));
    y += buttonHeight + dimens.dp(8);
  }
  const row: View[] = [];
  let right = left + dialogWidth - dimens.dp(16);
  for (const button of rowButtons) {
    const w = buttonFace.measure(button.text) + dimens.dp(24);
    row.push(makeButton(button, right - w, w, false));
    right -= w + dimens.dp(8);
  }
  if (row.length > 0) {
    panel.push(createView({ key: 'buttonPanel', className: 'android.widget.LinearLayout', packageName, resourceId: 'android:id/buttonPanel',
      bounds: [left, y, left + dialogWidth, y + buttonHeight], children: row.reverse() }));
  }
  return createView({
    key: 'dialog', className: 'android.widget.FrameLayout', packageName, bounds: [left, top, left + dialogWidth, top + totalHeight],
    draw: [{ op: 'scrim', color: COLORS.scrim, alpha: 0.32 }, { op: 'rect', x: left, y: top, w: dialogWidth, h: totalHeight, color: COLORS.dialogBackground, radius: dimens.dp(28) }],
    children: [createView({ key: 'parentPanel', className: 'android.widget.LinearLayout', packageName, resourceId: 'android:id/parentPanel', bounds: [left, top, left + dialogWidth, top + totalHeight], children: panel })],
  });
}
