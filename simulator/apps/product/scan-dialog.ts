/**
 * A product that reports its scan in an AlertDialog (AlertDialog.Builder.setTitle/setMessage, the
 * framework's android:id/alertTitle and android:id/message) over the screen the scan ended on:
 * `scan.resultsDialog` when threats were found — `{threatLines}` is one `threatLine` per threat —
 * and `scan.cleanDialog` when none were.
 */
import type { AppController } from '../app-controller.ts';
import type { ThreatRecord } from '../app-state-store.ts';
import type { ProductBehaviour } from '../behaviour-schema.ts';
import { fillPlaceholders, renderDialog, threatValues } from '../render-app-spec.ts';

export function showScanDialog(app: AppController, scan: ProductBehaviour['scan'], visible: readonly ThreatRecord[]): void {
  const { resultsDialog, cleanDialog } = scan;
  const dialog = visible.length > 0 ? resultsDialog?.dialog : cleanDialog;
  if (!dialog) return;
  const base = app.values();
  const threatLines = visible.map((threat) => fillPlaceholders(resultsDialog?.threatLine ?? '', { ...base, ...threatValues(threat) })).join('\n');
  const values = { ...base, threatLines };
  const context = { values, threats: visible, progress: 0, timedScreens: new Set<string>(), frozen: false, start: app.behaviour.app.start, flags: app.flags() };
  app.ui.showDialog(app.packageName, renderDialog(dialog, context, values));
}
