/**
 * The soft keyboard (the IME window of AOSP LatinIME, `com.android.inputmethod.latin/.LatinIME`, the
 * default input method of the emulator's google_apis images).
 *
 * When it shows: a touch on a text field shows it (TextView.onTouchEvent → InputMethodManager
 * .showSoftInput via `viewClicked`). ACTION_SET_TEXT — what UiAutomator2's SendKeysToElement and Clear
 * send (ElementHelpers.setText → performAction(ACTION_SET_TEXT)) — only sets the text
 * (TextView.performAccessibilityActionInternal) and neither focuses the field nor shows the keyboard.
 * It belongs to the window that asked for it: when another window takes focus (a dialog, the shade,
 * another activity) InputMethodManagerService hides it. BACK while it shows only hides it
 * (InputMethodService.onKeyDown handles KEYCODE_BACK before the app sees it); ESCAPE falls back to BACK
 * (Generic.kcm `key ESCAPE { base: fallback BACK }`), which is how appium-adb's hideKeyboard closes it.
 *
 * Where: the bottom ~40 % of the screen, above the navigation bar. The IME window is TYPE_INPUT_METHOD,
 * never focusable (FLAG_NOT_FOCUSABLE), so it is never the active window: a default UiAutomator2 lookup
 * does not see it, yet it takes every touch inside it — a tap on an app view under it types on the
 * keyboard instead (the app window is not resized here: no adjustResize/adjustPan modelled, and what key
 * was typed is not modelled either: the tap never reaches the app).
 */
import { COLORS, type Dimens } from './dimens.ts';
import { createView, type DrawOp, type View } from './view.ts';

export const IME_PACKAGE = 'com.android.inputmethod.latin';
/** Share of the screen height the keyboard covers, navigation bar included. */
const KEYBOARD_SCREEN_SHARE = 0.4;
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** The keyboard's bounds on screen: above the navigation bar, up to 40 % of the screen from the bottom. */
export function keyboardBounds(dimens: Dimens): [number, number, number, number] {
  return [0, Math.round(dimens.height * (1 - KEYBOARD_SCREEN_SHARE)), dimens.width, dimens.height - dimens.navBarHeight];
}

export function layoutSoftKeyboard(dimens: Dimens): View {
  const [left, top, right, bottom] = keyboardBounds(dimens);
  const face = dimens.face('subtitle');
  const rowHeight = Math.floor((bottom - top) / (ROWS.length + 1));
  const keyWidth = Math.floor((right - left) / 10);
  const draw: DrawOp[] = [{ op: 'rect', x: left, y: top, w: right - left, h: bottom - top, color: COLORS.shadeBackground }];
  ROWS.forEach((row, r) => {
    const rowLeft = left + Math.floor(((10 - row.length) * keyWidth) / 2);
    [...row].forEach((letter, k) => {
      const x = rowLeft + k * keyWidth;
      const y = top + r * rowHeight;
      draw.push({ op: 'rect', x: x + dimens.dp(3), y: y + dimens.dp(4), w: keyWidth - dimens.dp(6), h: rowHeight - dimens.dp(8), color: 0x3c4043, radius: dimens.dp(4) });
      draw.push({ op: 'text', x: x + (keyWidth - face.measure(letter)) / 2, y: y + (rowHeight - face.lineHeight) / 2, text: letter, face, color: COLORS.systemIcon });
    });
  });
  // LatinIME's input view: the keys are virtual views of MainKeyboardView, not separate nodes.
  return createView({
    key: 'input_view', className: 'android.widget.FrameLayout', packageName: IME_PACKAGE, bounds: [left, top, right, bottom], draw,
    children: [createView({
      key: 'keyboard_view', className: 'android.view.View', packageName: IME_PACKAGE, resourceId: `${IME_PACKAGE}:id/keyboard_view`,
      bounds: [left, top, right, bottom],
    })],
  });
}
