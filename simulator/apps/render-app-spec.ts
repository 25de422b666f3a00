/**
 * Turns a behaviour file's screens into D3's screen model for the current state of the app:
 * `{placeholders}` filled in, ThreatLists expanded to one entry per threat, the ProgressBar bound to
 * the running scan or timer, and taps that enter a timed screen routed through the app runtime (so
 * its timer starts). A hung app renders with every tap action removed: it draws but never reacts.
 *
 * Placeholders: {appLabel} {signatureVersion} {lastUpdate} {progress} {scanned} {total}
 * {currentApp} {threatCount} {lastScan}; inside a ThreatList item also {label} {category}
 * {package} {rule}; unknown ones stay as written.
 */
import type { AppSpec, ListItemSpec, ScreenSpec, TapAction, WidgetSpec } from '../ui/index.ts';
import type { ThreatRecord } from './app-state-store.ts';
import type { BehaviourAppSpec, BehaviourScreen, BehaviourTapAction, BehaviourWidget } from './widget-schema.ts';

export interface RenderContext {
  values: Readonly<Record<string, string>>;
  threats: readonly ThreatRecord[];
  /** 0–100 for a ProgressBar bound to `{progress}`. */
  progress: number;
  /** Screens with a timer: taps that enter them become runtime events. */
  timedScreens: ReadonlySet<string>;
  /** The UI is hung: no tap does anything. */
  frozen: boolean;
  /** Start screen chosen from the app's flags. */
  start: string;
  /** Flags set now (showIf / hideIf / enabledIf). */
  flags: ReadonlySet<string>;
}

/** Prefix of the events the renderer makes for taps entering a timed screen. */
export const GOTO_EVENT_PREFIX = '__goto:';

export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function renderAppSpec(spec: BehaviourAppSpec, context: RenderContext): AppSpec {
  const screens: Record<string, ScreenSpec> = {};
  for (const [id, screen] of Object.entries(spec.screens)) screens[id] = renderScreen(screen, context);
  return { start: context.start, screens, ...(spec.activities ? { activities: spec.activities } : {}) };
}

function renderScreen(screen: BehaviourScreen, context: RenderContext): ScreenSpec {
  return {
    ...(screen.title === undefined ? {} : { title: fillPlaceholders(screen.title, context.values) }),
    ...(screen.appBar === undefined ? {} : { appBar: screen.appBar }),
    widgets: screen.widgets.flatMap((widget) => renderWidget(widget, context, context.values)),
  };
}

function renderTap(action: BehaviourTapAction | undefined, context: RenderContext, values: Readonly<Record<string, string>>): { onTap?: TapAction } {
  if (action === undefined || context.frozen) return {};
  switch (action.type) {
    case 'event':
      return { onTap: { type: 'event', name: fillPlaceholders(action.name, values) } };
    case 'navigate':
    case 'replace':
      return context.timedScreens.has(action.screen)
        ? { onTap: { type: 'event', name: `${GOTO_EVENT_PREFIX}${action.type}:${action.screen}` } }
        : { onTap: action };
    case 'dialog':
      return { onTap: { type: 'dialog', dialog: renderDialog(action.dialog, context, values) } };
    default:
      return { onTap: action };
  }
}

export function renderDialog(dialog: Extract<BehaviourTapAction, { type: 'dialog' }>['dialog'], context: RenderContext, values: Readonly<Record<string, string>>): import('../ui/index.ts').DialogSpec {
  const button = (b: typeof dialog.positive): { text: string; onTap?: TapAction } | undefined =>
    b === undefined ? undefined : { text: fillPlaceholders(b.text, values), ...renderTap(b.onTap, context, values) };
  const positive = button(dialog.positive);
  const negative = button(dialog.negative);
  return {
    ...(dialog.title === undefined ? {} : { title: fillPlaceholders(dialog.title, values) }),
    ...(dialog.message === undefined ? {} : { message: fillPlaceholders(dialog.message, values) }),
    ...(positive ? { positive } : {}),
    ...(negative ? { negative } : {}),
    ...(dialog.cancelable === undefined ? {} : { cancelable: dialog.cancelable }),
  };
}

function renderWidget(widget: BehaviourWidget, context: RenderContext, values: Readonly<Record<string, string>>): WidgetSpec[] {
  if (widget.showIf !== undefined && !context.flags.has(widget.showIf)) return [];
  if (widget.hideIf !== undefined && context.flags.has(widget.hideIf)) return [];
  const enabled = 'enabledIf' in widget && widget.enabledIf !== undefined ? context.flags.has(widget.enabledIf) : ('enabled' in widget ? widget.enabled : undefined);
  const common = {
    ...(widget.id === undefined ? {} : { id: widget.id }),
    ...('desc' in widget && widget.desc !== undefined ? { desc: fillPlaceholders(widget.desc, values) } : {}),
    ...(enabled === undefined ? {} : { enabled }),
    ...('onTap' in widget ? renderTap(widget.onTap, context, values) : {}),
  };
  const fill = (text: string): string => fillPlaceholders(text, values);
  switch (widget.kind) {
    case 'TextView':
      return [{ kind: 'TextView', ...common, text: fill(widget.text), ...opt('style', widget.style), ...opt('color', widget.color) }];
    case 'Button':
      return [{ kind: 'Button', ...common, text: fill(widget.text), ...opt('variant', widget.variant) }];
    case 'EditText':
      return [{ kind: 'EditText', ...common, ...opt('hint', widget.hint), ...opt('text', widget.text), ...opt('password', widget.password), ...optionalSubmit(renderTap(widget.onSubmit, context, values).onTap) }];
    case 'CheckBox':
    case 'Switch':
      return [{ kind: widget.kind, ...common, text: fill(widget.text), ...opt('checked', widget.checked) }];
    case 'ImageView':
      return [{ kind: 'ImageView', ...common, ...opt('size', widget.size), ...opt('color', widget.color) }];
    case 'ProgressBar': {
      const progress = widget.progress === '{progress}' ? context.progress : widget.progress;
      return [{ kind: 'ProgressBar', ...common, ...opt('progress', progress) }];
    }
    case 'RecyclerView':
    case 'ListView':
      return [{ kind: widget.kind, ...common, items: widget.items.map((item): ListItemSpec => ({
        ...opt('id', item.id),
        title: fill(item.title),
        ...opt('subtitle', item.subtitle === undefined ? undefined : fill(item.subtitle)),
        ...opt('desc', item.desc === undefined ? undefined : fill(item.desc)),
        ...renderTap(item.onTap, context, values),
      })) }];
    case 'LinearLayout':
      return [{ kind: 'LinearLayout', ...common, ...opt('orientation', widget.orientation),
        children: widget.children.flatMap((child) => renderWidget(child, context, values)) }];
    case 'ThreatList': {
      // The list itself is always there (as a RecyclerView is); it holds the entries, or `empty`.
      if (context.threats.length === 0) {
        const empty = (widget.empty ?? []).flatMap((child) => renderWidget(child, context, values));
        return [{ kind: 'LinearLayout', ...opt('id', widget.id), children: empty }];
      }
      if (widget.row) {
        const row = widget.row;
        return [{ kind: 'RecyclerView', ...opt('id', widget.id), items: context.threats.map((threat): ListItemSpec => {
          const entry = { ...values, ...threatValues(threat) };
          return {
            ...opt('id', row.id), title: fillPlaceholders(row.title, entry),
            ...opt('subtitle', row.subtitle === undefined ? undefined : fillPlaceholders(row.subtitle, entry)),
            ...opt('desc', row.desc === undefined ? undefined : fillPlaceholders(row.desc, entry)),
          };
        }) }];
      }
      // Each entry sits in an id-less wrapper, as a RecyclerView's row holder does: entries share their
      // resource ids, and the wrapper's position keeps every entry's views distinct in the hierarchy.
      const entries: WidgetSpec[] = context.threats.map((threat) => ({
        kind: 'LinearLayout',
        children: renderWidget(widget.item!, context, { ...values, ...threatValues(threat) }),
      }));
      return [{ kind: 'LinearLayout', ...opt('id', widget.id), children: entries }];
    }
  }
}

export function threatValues(threat: ThreatRecord): Record<string, string> {
  return { label: threat.label, category: threat.category, package: threat.package, appLabel: threat.appLabel, rule: threat.rule };
}

function opt<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}

function optionalSubmit(action: TapAction | undefined): { onSubmit?: TapAction } {
  return action === undefined ? {} : { onSubmit: action };
}
