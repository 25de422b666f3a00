/**
 * zod schemas of the screens a behaviour file describes: D3's screen model (simulator/ui/screen-spec.ts)
 * plus two behaviour-only additions that the renderer turns into plain widgets:
 *   - text, titles and event names may hold `{placeholders}` (render-app-spec.ts lists them);
 *   - `ThreatList`, a product's results: one copy of `item` per threat the last scan found.
 * A ProgressBar's `progress` may be `"{progress}"` to follow the running scan or timer.
 */
import { z } from 'zod';

export const tapActionSchema = z.union([
  z.strictObject({ type: z.literal('navigate'), screen: z.string().min(1) }),
  z.strictObject({ type: z.literal('replace'), screen: z.string().min(1) }),
  z.strictObject({ type: z.literal('back') }),
  z.strictObject({ type: z.literal('finish') }),
  z.strictObject({ type: z.literal('dismiss') }),
  z.strictObject({ type: z.literal('start'), packageName: z.string().min(1), activity: z.string().min(1) }),
  z.strictObject({ type: z.literal('event'), name: z.string().min(1) }),
  z.strictObject({ type: z.literal('dialog'), get dialog() { return dialogSchema; } }),
]);

const dialogButtonSchema = z.strictObject({ text: z.string().min(1), onTap: tapActionSchema.optional() });

export const dialogSchema = z.strictObject({
  title: z.string().optional(),
  message: z.string().optional(),
  positive: dialogButtonSchema.optional(),
  negative: dialogButtonSchema.optional(),
  cancelable: z.boolean().optional(),
});

const base = {
  id: z.string().min(1).optional(),
  /** Shown only while this flag is set (app flags, or scanning/updating/scanned/updated/threatsFound). */
  showIf: z.string().min(1).optional(),
  /** Hidden while this flag is set. */
  hideIf: z.string().min(1).optional(),
  /** Enabled only while this flag is set. */
  enabledIf: z.string().min(1).optional(),
  desc: z.string().optional(),
  enabled: z.boolean().optional(),
  onTap: tapActionSchema.optional(),
};

const textStyleSchema = z.enum(['headline', 'title', 'subtitle', 'body', 'caption']);
const colorSchema = z.int().min(0).max(0xffffff);

const listItemSchema = z.strictObject({
  id: z.string().min(1).optional(),
  title: z.string(),
  subtitle: z.string().optional(),
  desc: z.string().optional(),
  onTap: tapActionSchema.optional(),
});

type TapInput = z.output<typeof tapActionSchema>;
interface WidgetBaseInput {
  id?: string | undefined; desc?: string | undefined; enabled?: boolean | undefined; onTap?: TapInput | undefined;
  showIf?: string | undefined; hideIf?: string | undefined; enabledIf?: string | undefined;
}
type ListItemInput = z.output<typeof listItemSchema>;
/** A widget as a behaviour file writes it (D3's WidgetSpec plus ThreatList and a bound ProgressBar). */
export type BehaviourWidget =
  | (WidgetBaseInput & { kind: 'TextView'; text: string; style?: z.output<typeof textStyleSchema> | undefined; color?: number | undefined })
  | (WidgetBaseInput & { kind: 'Button'; text: string; variant?: 'filled' | 'text' | undefined })
  | (WidgetBaseInput & { kind: 'EditText'; hint?: string | undefined; text?: string | undefined; password?: boolean | undefined; onSubmit?: TapInput | undefined })
  | (WidgetBaseInput & { kind: 'CheckBox' | 'Switch'; text: string; checked?: boolean | undefined })
  | (WidgetBaseInput & { kind: 'ImageView'; size?: number | undefined; color?: number | undefined })
  | (WidgetBaseInput & { kind: 'ProgressBar'; progress?: number | '{progress}' | undefined })
  | (WidgetBaseInput & { kind: 'RecyclerView' | 'ListView'; items: ListItemInput[] })
  | (WidgetBaseInput & { kind: 'LinearLayout'; orientation?: 'vertical' | 'horizontal' | undefined; children: BehaviourWidget[] })
  | { kind: 'ThreatList'; id?: string | undefined; showIf?: string | undefined; hideIf?: string | undefined; item?: BehaviourWidget | undefined; row?: ListItemInput | undefined; empty?: BehaviourWidget[] | undefined };

export const widgetSchema: z.ZodType<BehaviourWidget> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('TextView'), ...base, text: z.string(), style: textStyleSchema.optional(), color: colorSchema.optional() }),
  z.strictObject({ kind: z.literal('Button'), ...base, text: z.string().min(1), variant: z.enum(['filled', 'text']).optional() }),
  // onSubmit: what the app's OnEditorActionListener does on ENTER / the keyboard's action key (TextView.onEditorAction).
  z.strictObject({ kind: z.literal('EditText'), ...base, hint: z.string().optional(), text: z.string().optional(), password: z.boolean().optional(), onSubmit: tapActionSchema.optional() }),
  z.strictObject({ kind: z.literal('CheckBox'), ...base, text: z.string(), checked: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('Switch'), ...base, text: z.string(), checked: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('ImageView'), ...base, size: z.int().positive().optional(), color: colorSchema.optional() }),
  z.strictObject({ kind: z.literal('ProgressBar'), ...base, progress: z.union([z.number().min(0).max(100), z.literal('{progress}')]).optional() }),
  z.strictObject({ kind: z.literal('RecyclerView'), ...base, items: z.array(listItemSchema) }),
  z.strictObject({ kind: z.literal('ListView'), ...base, items: z.array(listItemSchema) }),
  z.strictObject({
    kind: z.literal('LinearLayout'), ...base,
    orientation: z.enum(['vertical', 'horizontal']).optional(),
    children: z.array(z.lazy(() => widgetSchema)),
  }),
  z.strictObject({
    kind: z.literal('ThreatList'),
    id: z.string().min(1).optional(),
    showIf: z.string().min(1).optional(),
    hideIf: z.string().min(1).optional(),
    /** One entry per threat; `{label}`, `{category}`, `{package}`, `{rule}` are the threat's. */
    item: z.lazy(() => widgetSchema).optional(),
    /**
     * Instead of `item`: one RecyclerView row per threat (title, subtitle, desc with the same
     * placeholders). The list is then its own scrolling view, as a real results RecyclerView is: it
     * fills the screen between the widgets above and below it, which stay fixed.
     */
    row: listItemSchema.optional(),
    /** Shown instead of the entries when the last scan found nothing. */
    empty: z.array(z.lazy(() => widgetSchema)).optional(),
  }).refine((list) => (list.item === undefined) !== (list.row === undefined), { message: 'a ThreatList has exactly one of item and row' }),
]);

export const screenSchema = z.strictObject({
  title: z.string().optional(),
  appBar: z.boolean().optional(),
  widgets: z.array(widgetSchema),
});

export const appSpecSchema = z.strictObject({
  start: z.string().min(1),
  screens: z.record(z.string(), screenSchema),
  /** Fully qualified activity class → screen id. */
  activities: z.record(z.string(), z.string()).optional(),
});

export type BehaviourScreen = z.output<typeof screenSchema>;
export type BehaviourAppSpec = z.output<typeof appSpecSchema>;
export type BehaviourTapAction = z.output<typeof tapActionSchema>;
export type BehaviourDialog = z.output<typeof dialogSchema>;
