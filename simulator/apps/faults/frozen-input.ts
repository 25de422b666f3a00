/**
 * The screens of an app whose main thread is blocked: everything still shows, but a tap only
 * queues an input event the app never takes (InputDispatcher's pending event, the start of the ANR
 * countdown). Every tap action becomes the `event` named here, which only tells the app's controller
 * that input is pending.
 */
import type { AppSpec, ScreenSpec, TapAction, WidgetSpec } from '../../ui/index.ts';
import { PENDING_INPUT_EVENT } from '../../ui/ui-activity.ts';

export { PENDING_INPUT_EVENT };

const PENDING: TapAction = { type: 'event', name: PENDING_INPUT_EVENT };

export function freezeTaps(spec: AppSpec): AppSpec {
  return { ...spec, screens: Object.fromEntries(Object.entries(spec.screens).map(([name, screen]) => [name, freezeScreen(screen)])) };
}

function freezeScreen(screen: ScreenSpec): ScreenSpec {
  return { ...screen, widgets: screen.widgets.map(freezeWidget) };
}

function freezeWidget(widget: WidgetSpec): WidgetSpec {
  const base = widget.onTap === undefined ? widget : { ...widget, onTap: PENDING };
  switch (base.kind) {
    case 'LinearLayout':
      return { ...base, children: base.children.map(freezeWidget) };
    case 'RecyclerView':
    case 'ListView':
      return { ...base, items: base.items.map((item) => (item.onTap === undefined ? item : { ...item, onTap: PENDING })) };
    default:
      return base;
  }
}

