/**
 * The runtime-permission grant dialog of PermissionController (GrantPermissionsActivity) with its real
 * resource ids, for API 29 and API 30+ button sets. The package shown is the permission controller the
 * image ships; resource ids keep the `com.android.permissioncontroller` prefix on every image.
 */
import type { ScreenSpec, WidgetSpec } from '../../ui/index.ts';
import type { PermissionGroup } from './permission-groups.ts';

export const PERMISSION_CONTROLLER_IDS = 'com.android.permissioncontroller:id/';
export const GRANT_ACTIVITY = 'com.android.permissioncontroller.permission.ui.GrantPermissionsActivity';

export type GrantAnswer = 'allow' | 'foreground' | 'one-time' | 'always' | 'deny';

/** The dialog for one group; each button's tap is the event `<eventPrefix><answer>`. */
export function buildPermissionDialog(options: {
  appLabel: string;
  group: PermissionGroup;
  apiLevel: number;
  /** Background location asked together with location (API 29 offers "Allow all the time"). */
  background: boolean;
  /** Index and count, shown as "1 of 3" when several groups are asked at once. */
  index: number;
  count: number;
  eventPrefix: string;
}): ScreenSpec {
  const { group, apiLevel } = options;
  const id = (name: string): string => `${PERMISSION_CONTROLLER_IDS}${name}`;
  const button = (name: string, text: string, answer: GrantAnswer): WidgetSpec => ({
    kind: 'Button', id: id(name), text, variant: 'text', onTap: { type: 'event', name: `${options.eventPrefix}${answer}` },
  });
  const buttons: WidgetSpec[] = [];
  if (group.foregroundOnly && apiLevel >= 30) {
    buttons.push(button('permission_allow_foreground_only_button', 'While using the app', 'foreground'));
    buttons.push(button('permission_allow_one_time_button', 'Only this time', 'one-time'));
    buttons.push(button('permission_deny_button', "Don't allow", 'deny'));
  } else if (group.name === 'LOCATION') {
    if (options.background) buttons.push(button('permission_allow_always_button', 'Allow all the time', 'always'));
    buttons.push(button('permission_allow_foreground_only_button', 'Allow only while using the app', 'foreground'));
    buttons.push(button('permission_deny_button', 'Deny', 'deny'));
  } else {
    buttons.push(button('permission_allow_button', 'Allow', 'allow'));
    buttons.push(button('permission_deny_button', apiLevel >= 30 ? "Don't allow" : 'Deny', 'deny'));
  }
  const widgets: WidgetSpec[] = [
    { kind: 'ImageView', id: id('permission_icon'), size: 36, color: 0x1a73e8 },
    { kind: 'TextView', id: id('permission_message'), style: 'title', text: `Allow ${options.appLabel} to ${group.question}?` },
  ];
  if (options.count > 1) widgets.push({ kind: 'TextView', id: id('current_page_text'), style: 'caption', text: `${options.index + 1} of ${options.count}` });
  widgets.push({ kind: 'LinearLayout', id: id('button_group'), children: buttons });
  return { appBar: false, widgets: [{ kind: 'LinearLayout', id: id('grant_dialog'), children: widgets }] };
}
