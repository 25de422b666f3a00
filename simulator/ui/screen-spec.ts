/**
 * The JSON model of an app's screens. Everything an app shows — the plain screen of an app without
 * behaviour, and the screens a behaviour file (`assets/behaviour.json`, a later issue) describes — is a
 * `ScreenSpec` laid out by layout-screen.ts, dumped by hierarchy and drawn by the PNG renderer.
 *
 * Example (a JSON behaviour file can carry exactly this):
 * ```json
 * { "start": "home",
 *   "screens": {
 *     "home": { "title": "Demo Security", "widgets": [
 *       { "kind": "TextView", "id": "status", "text": "Protected", "style": "title" },
 *       { "kind": "Button", "id": "scan", "text": "Scan now", "onTap": { "type": "navigate", "screen": "results" } },
 *       { "kind": "RecyclerView", "id": "threats", "items": [ { "title": "Spy app", "subtitle": "Stalkerware" } ] } ] },
 *     "results": { "title": "Results", "widgets": [ { "kind": "TextView", "text": "No threats" } ] } } }
 * ```
 * Resource ids are bare names (`scan`) expanded with the app's package (`pkg:id/scan`), or full ids
 * (`android:id/button1`) kept as they are.
 */

/** What a tap on a widget does. */
export type TapAction =
  /** Push another screen of the same app (a new activity on the task). */
  | { type: 'navigate'; screen: string }
  /** Replace the current screen (e.g. a timed "scanning…" screen turning into results). */
  | { type: 'replace'; screen: string }
  /** Pop this screen, like BACK. */
  | { type: 'back' }
  /** Close every screen of the app. */
  | { type: 'finish' }
  | { type: 'dialog'; dialog: DialogSpec }
  | { type: 'dismiss' }
  /** Start another app's activity (fully qualified class). */
  | { type: 'start'; packageName: string; activity: string }
  /** Tell the app's behaviour (listeners registered with `onUiEvent`). */
  | { type: 'event'; name: string };

interface WidgetBase {
  /** Resource id: bare name (expanded with the app's package) or `pkg:id/name`. */
  id?: string;
  /** content-desc */
  desc?: string;
  /** @default true */
  enabled?: boolean;
  onTap?: TapAction;
}

export type TextStyle = 'headline' | 'title' | 'subtitle' | 'body' | 'caption';

export interface TextViewSpec extends WidgetBase {
  kind: 'TextView';
  text: string;
  /** @default 'body' */
  style?: TextStyle;
  /** 0xRRGGBB text colour. */
  color?: number;
}

export interface ButtonSpec extends WidgetBase {
  kind: 'Button';
  text: string;
  /** @default 'filled' */
  variant?: 'filled' | 'text';
}

export interface EditTextSpec extends WidgetBase {
  kind: 'EditText';
  hint?: string;
  /** Initial text; what the user types is kept in the screen's state. */
  text?: string;
  password?: boolean;
  /** What the app does when ENTER (or the keyboard's action key) is pressed in the field (OnEditorActionListener); absent: nothing. */
  onSubmit?: TapAction;
}

export interface ToggleSpec extends WidgetBase {
  kind: 'CheckBox' | 'Switch';
  text: string;
  checked?: boolean;
}

export interface ImageViewSpec extends WidgetBase {
  kind: 'ImageView';
  /** Square size in dp. @default 48 */
  size?: number;
  /** 0xRRGGBB fill. */
  color?: number;
}

export interface ProgressBarSpec extends WidgetBase {
  kind: 'ProgressBar';
  /** 0–100 for a horizontal bar; absent for an indeterminate spinner. */
  progress?: number;
}

export interface ListItemSpec {
  id?: string;
  title: string;
  subtitle?: string;
  desc?: string;
  onTap?: TapAction;
}

/** A vertical list; it takes the rest of the screen's height and scrolls when its rows overflow. */
export interface ListSpec extends WidgetBase {
  kind: 'RecyclerView' | 'ListView';
  items: ListItemSpec[];
}

/** A nested vertical or horizontal group of widgets (android.widget.LinearLayout). */
export interface GroupSpec extends WidgetBase {
  kind: 'LinearLayout';
  /** @default 'vertical' */
  orientation?: 'vertical' | 'horizontal';
  children: WidgetSpec[];
}

export type WidgetSpec =
  | TextViewSpec
  | ButtonSpec
  | EditTextSpec
  | ToggleSpec
  | ImageViewSpec
  | ProgressBarSpec
  | ListSpec
  | GroupSpec;

export interface ScreenSpec {
  /** App bar title; the app's label when absent. */
  title?: string;
  /** @default true */
  appBar?: boolean;
  widgets: WidgetSpec[];
}

export interface DialogButtonSpec {
  text: string;
  /** Full resource id; positive/negative/neutral default to android:id/button1/button2/button3. */
  id?: string;
  /** @default { type: 'dismiss' } */
  onTap?: TapAction;
}

/**
 * A dialog over the front activity. By default an AlertDialog: android:id/alertTitle, android:id/message,
 * android:id/button1 (positive), button2 (negative), button3 (neutral) in a row. System dialogs set their
 * own package and ids, e.g. the runtime-permission dialog:
 * `{ packageName: 'com.android.permissioncontroller', messageId: 'com.android.permissioncontroller:id/permission_message',
 *    message: 'Allow Spy to access your location?', buttons: [{ id: 'com.android.permissioncontroller:id/permission_allow_foreground_only_button',
 *    text: 'While using the app' }, …] }` (stacked full-width buttons).
 */
export interface DialogSpec {
  title?: string;
  message?: string;
  positive?: DialogButtonSpec;
  negative?: DialogButtonSpec;
  neutral?: DialogButtonSpec;
  /** Full-width buttons stacked under the message (each needs its `id`), after the row buttons. */
  buttons?: DialogButtonSpec[];
  /** Package the dialog's views report. @default the activity's package */
  packageName?: string;
  /** @default 'android:id/alertTitle' */
  titleId?: string;
  /** @default 'android:id/message' */
  messageId?: string;
  /** BACK or a tap outside dismisses it. @default true */
  cancelable?: boolean;
}

/** An app's screens; activities map to screens, the launcher activity opens `start`. */
export interface AppSpec {
  start: string;
  screens: Record<string, ScreenSpec>;
  /** Fully qualified activity class → screen id. */
  activities?: Record<string, string>;
}
