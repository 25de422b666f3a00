/** `true`, `false`, `sleep`, `id`, `whoami`, `uname`, `date`, `which`, `run-as` refusal. */
import { ROOT_UID, shellUid } from '../../device/caller-identity.ts';
import { kernelRelease } from '../../device/default-properties.ts';
import { sleepFor, type CommandContext } from '../command.ts';
import { findCommand } from '../registry.ts';

export const runTrue = (): number => 0;
export const runFalse = (): number => 1;

export async function runSleep(context: CommandContext): Promise<number> {
  const seconds = Number.parseFloat(context.args[0] ?? '');
  if (Number.isNaN(seconds)) {
    context.stderr(`sleep: Bad number '${context.args[0] ?? ''}'\n`);
    return 1;
  }
  await sleepFor(seconds * 1000, context.signal);
  return 0;
}

export function runId(context: CommandContext): number {
  // After `adb root` adbd keeps uid 0 and the su domain (userdebug images).
  if (shellUid(context.device) === ROOT_UID) {
    context.stdout('uid=0(root) gid=0(root) groups=0(root),1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),1078(ext_data_rw),1079(ext_obb_rw),3001(net_bt_admin),3002(net_bt),3003(inet),3006(net_bw_stats),3009(readproc),3011(uhid),3012(readtracefs) context=u:r:su:s0\n');
    return 0;
  }
  context.stdout('uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),1078(ext_data_rw),1079(ext_obb_rw),3001(net_bt_admin),3002(net_bt),3003(inet),3006(net_bw_stats),3009(readproc),3011(uhid),3012(readtracefs) context=u:r:shell:s0\n');
  return 0;
}

export function runWhoami(context: CommandContext): number {
  context.stdout(shellUid(context.device) === ROOT_UID ? 'root\n' : 'shell\n');
  return 0;
}

export function runUname(context: CommandContext): number {
  const kernel = kernelRelease(context.device.profile.apiLevel);
  const flags = context.args.join('');
  if (flags.includes('a')) context.stdout(`Linux localhost ${kernel} #1 SMP PREEMPT Mon Oct 3 18:15:41 UTC 2022 x86_64 Toybox\n`);
  else if (flags.includes('r')) context.stdout(`${kernel}\n`);
  else if (flags.includes('m')) context.stdout('x86_64\n');
  else context.stdout('Linux\n');
  return 0;
}

export function runDate(context: CommandContext): number {
  const now = new Date(context.device.now());
  const format = context.args.find((arg) => arg.startsWith('+'));
  if (format === '+%s') context.stdout(`${Math.floor(now.getTime() / 1000)}\n`);
  else if (format !== undefined) context.stdout(`${formatDate(now, format.slice(1))}\n`);
  else context.stdout(`${now.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 GMT $4')}\n`);
  return 0;
}

function formatDate(date: Date, format: string): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const Y = String(date.getUTCFullYear());
  const m = pad(date.getUTCMonth() + 1);
  const d = pad(date.getUTCDate());
  const T = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const fields: Readonly<Record<string, string>> = {
    Y, m, d, T, F: `${Y}-${m}-${d}`, D: `${m}/${d}/${Y.slice(2)}`, y: Y.slice(2),
    H: pad(date.getUTCHours()), M: pad(date.getUTCMinutes()), S: pad(date.getUTCSeconds()),
    N: `${pad(date.getUTCMilliseconds(), 3)}000000`, j: pad(Math.floor((date.getTime() - yearStart) / 86_400_000) + 1, 3),
    a: days[date.getUTCDay()] ?? '', b: months[date.getUTCMonth()] ?? '', e: String(date.getUTCDate()).padStart(2),
    s: String(Math.floor(date.getTime() / 1000)), z: '+0000', Z: 'GMT', n: '\n', t: '\t', '%': '%',
  };
  return format.replace(/%(.)/g, (whole, key: string) => fields[key] ?? whole);
}

export function runWhich(context: CommandContext): number {
  let status = 0;
  for (const name of context.args) {
    if (findCommand(name, context.device.fs) !== undefined && context.device.fs.stat(`/system/bin/${name}`) !== undefined) {
      context.stdout(`/system/bin/${name}\n`);
    } else status = 1;
  }
  return status;
}

export function runRunAs(context: CommandContext): number {
  const packageName = context.args[0] ?? '';
  const record = context.device.packages.get(packageName);
  if (record === undefined) context.stderr(`run-as: unknown package: ${packageName}\n`);
  else context.stderr(`run-as: package not debuggable: ${packageName}\n`);
  return 1;
}
