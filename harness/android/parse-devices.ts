/** One line of `adb devices -l`. */
export interface AdbDeviceEntry {
  serial: string;
  /** device, offline, unauthorized, no permissions, bootloader, recovery… */
  state: string;
  /** key:value pairs after the state (product, model, device, transport_id). */
  properties: Record<string, string>;
  isEmulator: boolean;
}

/** Parses `adb devices` / `adb devices -l` output. */
export function parseDevices(output: string): AdbDeviceEntry[] {
  const entries: AdbDeviceEntry[] = [];
  for (const rawLine of output.split('\n')) {
    const line = rawLine.trim();
    if (!line || line.startsWith('List of devices') || line.startsWith('*')) continue;
    const match = /^(\S+)\s+(no permissions(?:\s*\([^)]*\))?|\S+)(.*)$/.exec(line);
    if (!match) continue;
    const [, serial = '', state = '', rest = ''] = match;
    const properties: Record<string, string> = {};
    for (const token of rest.trim().split(/\s+/)) {
      const colon = token.indexOf(':');
      if (colon > 0) properties[token.slice(0, colon)] = token.slice(colon + 1);
    }
    entries.push({ serial, state, properties, isEmulator: /^emulator-\d+$/.test(serial) });
  }
  return entries;
}
