/**
 * `root:` and `unroot:` (adb root / adb unroot), as adbd answers them
 * (packages/modules/adb daemon/restart_service.cpp `restart_root_service` / `restart_unroot_service`):
 * already root → "adbd is already running as root"; a build that is not debuggable → "adbd cannot run
 * as root in production builds"; else service.adb.root is set, "restarting adbd as root" is written,
 * and init restarts adbd (the transport drops; the emulator announces the new adbd to the adb server,
 * which connects again — `adb wait-for-device` then works). adbd's `should_drop_privileges`
 * (daemon/main.cpp) keeps uid 0 only while ro.debuggable=1 and service.adb.root=1.
 */
import type { AdbStream } from '../adb-stream.ts';

/** The little adbd needs of the device: its properties, and a way to restart itself. */
export interface AdbdHost {
  getProp(name: string): string | undefined;
  setProp(name: string, value: string): void;
  /** init restarts adbd: the transport drops and comes back. */
  restartAdbd(): void;
}

export async function serveRoot(stream: AdbStream, host: AdbdHost, wantRoot: boolean): Promise<void> {
  const root = host.getProp('ro.debuggable') === '1' && host.getProp('service.adb.root') === '1';
  if (wantRoot && root) return void (await stream.write('adbd is already running as root\n'));
  if (!wantRoot && !root) return void (await stream.write('adbd not running as root\n'));
  if (wantRoot && host.getProp('ro.debuggable') !== '1') {
    return void (await stream.write('adbd cannot run as root in production builds\n'));
  }
  host.setProp('service.adb.root', wantRoot ? '1' : '0');
  await stream.write(wantRoot ? 'restarting adbd as root\n' : 'restarting adbd as non root\n');
  // adbd exits after answering: the host reads the message, then sees the transport go.
  await stream.close();
  host.restartAdbd();
}
