/** The whole-device snapshot format (`saveState()`/`loadState()`): JSON values plus Buffers (APK bytes). */
import { HarnessError } from '../../harness/errors/index.ts';
import type { LogEntry } from './contracts.ts';
import type { SettingsTables } from './default-settings.ts';
import type { DevicePolicyJson } from './device-policy.ts';
import type { NotificationRecordJson } from './notification-center.ts';
import type { PackageRegistryJson } from './package-registry.ts';
import type { ProcessTableJson } from './process-table.ts';
import type { FsNodeJson } from './virtual-fs.ts';

export const DEVICE_STATE_FORMAT = 'stalkerbench-virtual-device/1';

export interface DeviceStateJson {
  format: typeof DEVICE_STATE_FORMAT;
  avdName: string;
  props: Record<string, string>;
  settings: SettingsTables;
  registry: PackageRegistryJson;
  /**
   * APK bytes by SHA-256. saveState() gives Buffers; snapshots saved before it did (same format
   * name) hold base64 strings, which loadState() still reads, as it reads any Uint8Array.
   */
  blobs: Record<string, Uint8Array | string>;
  processes: ProcessTableJson;
  notifications: NotificationRecordJson[];
  policy: DevicePolicyJson;
  fs: Record<string, FsNodeJson>;
  log: LogEntry[];
  ui: unknown;
  /** First-boot work still to do, ms (absent in older snapshots: none). */
  firstBootWorkMs?: number;
}

/** Checks the shape of a snapshot enough to refuse foreign or truncated data with a clear error. */
export function assertDeviceState(value: unknown, avdName: string): asserts value is DeviceStateJson {
  const fail = (what: string): never => {
    throw new HarnessError('SNAPSHOT_FAILED', `Cannot load the snapshot into ${avdName}: ${what}`, {
      hint: 'Delete the snapshot and save it again from a booted virtual device.',
    });
  };
  if (typeof value !== 'object' || value === null) return fail('it is not an object');
  const state = value as Partial<Record<keyof DeviceStateJson, unknown>>;
  if (state.format !== DEVICE_STATE_FORMAT) return fail(`unknown format ${JSON.stringify(state.format)}`);
  const objects: Array<keyof DeviceStateJson> = ['props', 'settings', 'registry', 'blobs', 'processes', 'policy', 'fs'];
  for (const key of objects) {
    if (typeof state[key] !== 'object' || state[key] === null) fail(`field "${key}" is missing`);
  }
  if (!Array.isArray(state.notifications) || !Array.isArray(state.log)) fail('notifications or log missing');
  for (const [sha, data] of Object.entries(state.blobs as object)) {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) fail(`blob ${sha} is neither bytes nor base64`);
  }
}

/** The bytes of one `blobs` entry: a Buffer as is, any other Uint8Array copied, a base64 string (older snapshots) decoded. */
export function blobBytes(data: Uint8Array | string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
