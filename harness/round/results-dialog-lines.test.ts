import { describe, expect, it } from 'vitest';
import type { ResultsMapping } from '../config/index.ts';
import { thrownCode } from '../errors/testing/thrown-code.ts';
import { identifyInItem, type IdentifyContext } from '../verdict/identify-sample.ts';
import type { ScanEntry } from '../verdict/index.ts';
import { ResultsListReader } from './results-list-reader.ts';
import { MAX_DIALOG_LINES } from './results-snapshot.ts';

/** ShapeGuard Plus's dialog shape (test/fixtures/shapes/products/dialog-pua.yaml). */
const MAPPING: ResultsMapping = {
  shape: 'dialog', dialog: { id: 'android:id/parentPanel' },
  item: { textContains: '•' }, threatName: { textContains: '•' }, noThreats: { text: 'No threats found on this phone' }, scroll: true,
};

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;').replaceAll('\n', '&#10;');

/** An AlertDialog as UiAutomator2 dumps it (AlertController: title, message in a ScrollView), over a results screen. */
function dialogScreen(message: string, behind = ''): string {
  return `<hierarchy rotation="0"><android.widget.FrameLayout class="android.widget.FrameLayout" bounds="[0,0][1080,2400]" displayed="true">${behind}`
    + '<android.widget.LinearLayout class="android.widget.LinearLayout" resource-id="android:id/parentPanel" bounds="[77,900][1003,1500]" displayed="true">'
    + '<android.widget.TextView class="android.widget.TextView" resource-id="android:id/alertTitle" text="Scan finished: 3 threat(s)" bounds="[140,950][940,1020]" displayed="true" />'
    + '<android.widget.ScrollView class="android.widget.ScrollView" resource-id="android:id/scrollView" scrollable="false" bounds="[77,1040][1003,1380]" displayed="true">'
    + `<android.widget.TextView class="android.widget.TextView" resource-id="android:id/message" text="${escape(message)}" bounds="[140,1050][940,1370]" displayed="true" />`
    + '</android.widget.ScrollView></android.widget.LinearLayout></android.widget.FrameLayout></hierarchy>';
}

function read(xml: string, mapping = MAPPING): ScanEntry[] {
  const reader = new ResultsListReader(mapping);
  for (let screen = 0; screen < 5; screen += 1) if (reader.addScreen(xml).done) break;
  return reader.finish();
}

const CONTEXT: IdentifyContext = {
  samplePackage: 'com.systemservice', sampleLabel: 'System Service', namePatterns: [], tiedThreatNames: [],
  otherApps: [{ packageName: 'com.android.printspooler', label: 'Print Spooler', role: 'system' }],
};
const identify = (entry: ScanEntry) => identifyInItem({ phase: 'scan', text: entry.text, threatName: entry.threatName, packageName: entry.packageName, appLabel: entry.appLabel }, CONTEXT);

describe('a results dialog that names several threats in its message', () => {
  it('reads one entry per threat line, and identifies the sample on the third line only', () => {
    const entries = read(dialogScreen([
      '• Live Wallpaper Picker (com.android.wallpaper.livepicker): Adware.PushAds',
      '• Print Spooler (com.android.printspooler): Adware.PushAds',
      '• System Service (com.systemservice): Stalkerware.Monitor',
    ].join('\n')));
    expect(entries.map((entry) => entry.threatName)).toEqual([
      '• Live Wallpaper Picker (com.android.wallpaper.livepicker): Adware.PushAds',
      '• Print Spooler (com.android.printspooler): Adware.PushAds',
      '• System Service (com.systemservice): Stalkerware.Monitor',
    ]);
    expect(entries.map((entry) => identify(entry)?.rule)).toEqual([undefined, undefined, 'package']);
  });

  it('identifies a line that names the sample by label only, though another line names another app by package', () => {
    // Read whole, the message names Print Spooler's package, so its label "System Service" would say nothing.
    const entries = read(dialogScreen('Found 2 threats:\n• Print Spooler (com.android.printspooler): Adware.PushAds\n• System Service: Stalkerware.Monitor'));
    // The heading line is no entry: the item selector (textContains •) does not match it alone.
    expect(entries.map((entry) => entry.text)).toEqual(['• Print Spooler (com.android.printspooler): Adware.PushAds', '• System Service: Stalkerware.Monitor']);
    expect(entries.map((entry) => identify(entry)?.rule)).toEqual([undefined, 'label']);
  });

  it('a dialog naming only other apps gives entries, none of them the sample', () => {
    const entries = read(dialogScreen('• Print Spooler (com.android.printspooler): Adware.PushAds'));
    expect(entries).toHaveLength(1);
    expect(identify(entries[0]!)).toBeUndefined();
  });

  it('reads rows behind the dialog as nothing, and a message too long to read whole as RESULTS_INCOMPLETE', () => {
    const behind = '<android.widget.TextView class="android.widget.TextView" text="• System Service (com.systemservice): behind" bounds="[0,100][1080,200]" displayed="true" />';
    expect(read(dialogScreen('• Print Spooler (com.android.printspooler): Adware.PushAds', behind)).map((entry) => entry.text)).toEqual(['• Print Spooler (com.android.printspooler): Adware.PushAds']);
    const long = Array.from({ length: MAX_DIALOG_LINES + 1 }, (_, i) => `• App ${i} (com.example.app${i}): Adware`).join('\n');
    expect(thrownCode(() => read(dialogScreen(long)))).toBe('RESULTS_INCOMPLETE');
  });
});
