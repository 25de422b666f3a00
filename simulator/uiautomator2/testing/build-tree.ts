/** Hand-built view trees for tests of the finders and the source format. */
import type { UiNode } from '../../ui/contracts.ts';

let counter = 0;

export function view(className: string, attributes: Partial<UiNode> = {}, children: UiNode[] = []): UiNode {
  counter++;
  return {
    uid: `v${counter}`, className, packageName: 'com.example', text: '', resourceId: '', contentDesc: '',
    checkable: false, checked: false, clickable: false, enabled: true, focusable: false, focused: false,
    longClickable: false, password: false, scrollable: false, selected: false, bounds: [0, 0, 100, 100], displayed: true,
    ...attributes, children,
  };
}

/**
 * hierarchy
 *   FrameLayout (decor)
 *     LinearLayout
 *       TextView  text=Title   id=com.example:id/title
 *       Button    text=Scan now id=com.example:id/scan  clickable
 *       RecyclerView id=com.example:id/list scrollable
 *         LinearLayout (row 0) TextView text=Alpha  desc=first
 *         LinearLayout (row 1) TextView text=Beta
 *         LinearLayout (row 2) TextView text=Gamma  checked
 *   FrameLayout id=com.android.systemui:id/status_bar package=com.android.systemui
 *     TextView id=com.android.systemui:id/clock text=09:41
 */
export function buildSampleTree(): UiNode {
  const row = (text: string, extra: Partial<UiNode> = {}): UiNode =>
    view('android.widget.LinearLayout', { clickable: true }, [view('android.widget.TextView', { text, resourceId: 'com.example:id/name', ...extra })]);
  return view('hierarchy', { packageName: '' }, [
    view('android.widget.FrameLayout', {}, [
      view('android.widget.LinearLayout', {}, [
        view('android.widget.TextView', { text: 'Title', resourceId: 'com.example:id/title' }),
        view('android.widget.Button', { text: 'Scan now', resourceId: 'com.example:id/scan', clickable: true }),
        view('androidx.recyclerview.widget.RecyclerView', { resourceId: 'com.example:id/list', scrollable: true }, [
          row('Alpha', { contentDesc: 'first' }),
          row('Beta'),
          row('Gamma', { checked: true }),
        ]),
      ]),
    ]),
    view('android.widget.FrameLayout', { resourceId: 'com.android.systemui:id/status_bar', packageName: 'com.android.systemui' }, [
      view('android.widget.TextView', { resourceId: 'com.android.systemui:id/clock', text: '09:41', packageName: 'com.android.systemui' }),
    ]),
  ]);
}
