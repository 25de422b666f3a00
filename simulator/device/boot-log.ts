/**
 * The log lines a booting emulator writes (a small, representative selection), so that `logcat -d`
 * right after boot reads like a real device's and not like an empty buffer.
 */
import { formatUid, type PackageRecord } from './package-record.ts';
import type { ProcessEntry } from './process-table.ts';
import type { LogEntry } from './contracts.ts';

type Line = Omit<LogEntry, 'time'>;

export function bootLogLines(processes: readonly ProcessEntry[], packages: readonly PackageRecord[]): Line[] {
  const pid = (name: string): number => processes.find((entry) => entry.name === name)?.pid ?? 1;
  const zygote = pid('zygote64');
  const system = pid('system_server');
  const line = (owner: number, priority: Line['priority'], tag: string, message: string, tidOffset = 0): Line =>
    ({ pid: owner, tid: owner + tidOffset, priority, tag, message });
  const lines: Line[] = [
    line(1, 'I', 'init', "starting service 'logd'..."),
    line(1, 'I', 'init', "starting service 'servicemanager'..."),
    line(1, 'I', 'init', "starting service 'zygote'..."),
    line(1, 'I', 'init', "starting service 'surfaceflinger'..."),
    line(zygote, 'I', 'Zygote', 'Preloading classes...'),
    line(zygote, 'I', 'Zygote', 'System server process ' + system + ' has been created'),
    line(system, 'I', 'SystemServer', 'Entered the Android system server!'),
    line(system, 'I', 'SystemServiceManager', 'Starting com.android.server.pm.PackageManagerService'),
    line(system, 'I', 'PackageManager', `Finished scanning system apps. Time: 1893 ms, packageCount: ${packages.length}`, 3),
    line(system, 'I', 'SystemServiceManager', 'Starting com.android.server.wm.ActivityTaskManagerService$Lifecycle'),
    line(system, 'I', 'SystemServer', 'Making services ready'),
  ];
  for (const process of processes.filter((entry) => entry.packageName !== undefined)) {
    lines.push(line(system, 'I', 'ActivityManager', `Start proc ${process.pid}:${process.name}/${formatUid(process.uid)} for added application ${process.name}`, 17));
  }
  lines.push(
    line(system, 'I', 'ActivityManager', 'System now ready', 17),
    line(system, 'I', 'WindowManager', 'Display 0 ready', 21),
  );
  return lines;
}
