/**
 * What a virtual app remembers, kept where a real app keeps it: a file in its data folder. So
 * `pm clear` and uninstall forget it and console snapshots save and restore it with the device.
 */
import type { AndroidModel } from '../device/android-model.ts';
import type { BehaviourDialog } from './widget-schema.ts';

export interface ThreatRecord {
  package: string;
  /** The app's own label. */
  appLabel: string;
  /** The name the product shows (the rule's label). */
  label: string;
  category: string;
  /** Which kind of rule matched: package, certificate, file-hash, heuristic. */
  rule: string;
}

export interface AppState {
  flags: Record<string, boolean>;
  signatureVersion?: string;
  lastUpdate?: number;
  lastScan?: { finishedAt: number; scanned: number; threats: ThreatRecord[] };
  ignored: string[];
  /** Packages the product already alerted about (one alert per install). */
  alerted: string[];
  /** The threat of the latest alert (`{alertLabel}` … on an alert screen). */
  lastAlert?: ThreatRecord;
  /** An alert screen or dialog waiting for the app to come to the front. */
  pendingAlert?: { threat: ThreatRecord; screen?: string; dialog?: BehaviourDialog };
  /** How many times the app was started from elsewhere (launch-screen.ts: `launch` entries with `starts`). */
  starts?: number;
}

export function emptyAppState(): AppState {
  return { flags: {}, ignored: [], alerted: [] };
}

function statePath(packageName: string): string {
  return `/data/user/0/${packageName}/files/stalkerbench-state.json`;
}

export function readAppState(device: AndroidModel, packageName: string): AppState {
  const data = device.fs.read(statePath(packageName));
  if (data === undefined) return emptyAppState();
  try {
    const parsed = JSON.parse(data.toString('utf8')) as Partial<AppState>;
    return { ...emptyAppState(), ...parsed };
  } catch {
    return emptyAppState();
  }
}

export function writeAppState(device: AndroidModel, packageName: string, state: AppState): void {
  if (device.packages.get(packageName) === undefined) return;
  device.fs.write(statePath(packageName), Buffer.from(JSON.stringify(state)), 0o600);
}
