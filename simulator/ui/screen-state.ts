/** The mutable part of a screen: typed text, toggles, scroll offsets, focus. JSON-serialisable for snapshots. */
export interface ScreenState {
  values: Record<string, { text?: string; checked?: boolean }>;
  scroll: Record<string, number>;
  focused?: string;
}

export function createScreenState(): ScreenState {
  return { values: {}, scroll: {} };
}

/** `scan` → `pkg:id/scan`; full ids (`android:id/button1`) are kept. */
export function resolveResourceId(id: string | undefined, packageName: string): string | undefined {
  if (id === undefined || id === '') return undefined;
  return id.includes(':id/') ? id : `${packageName}:id/${id}`;
}
