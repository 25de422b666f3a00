/** system_server's EventLog entries (`logcat -b events`), e.g. `am_crash: [0,2345,com.example,…]`. */
import type { AndroidModel } from '../../device/android-model.ts';

/** ApplicationInfo.flags of an ordinary installed app (HAS_CODE, ALLOW_CLEAR_USER_DATA, ALLOW_BACKUP, …) as EventLog prints it. */
export const USER_APP_INFO_FLAGS = 952680004;

export function writeEvent(device: AndroidModel, tag: string, values: ReadonlyArray<string | number>): void {
  const pid = device.processes.list().find((entry) => entry.name === 'system_server')?.pid ?? 520;
  device.log({ buffer: 'events', pid, tid: pid + 23, priority: 'I', tag, message: `[${values.join(',')}]` });
}
