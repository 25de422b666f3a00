/**
 * `dumpsys activity services|processes|activities|top [pkg]`: `ServiceRecord{… pkg/.Svc}` blocks
 * with `isForeground=true` (polled by io.appium.settings' client), `ProcessRecord{hex pid:pkg/u0aNN}`
 * (appium-adb listAppProcessIds), and the resumed activity.
 */
import type { AndroidModel } from '../../device/android-model.ts';
import { apkPathOf, formatUid, shortComponentName } from '../../device/package-record.ts';
import type { ProcessEntry, ServiceEntry } from '../../device/process-table.ts';
import { objectHash } from './object-hash.ts';

export function dumpActivity(device: AndroidModel, args: readonly string[]): string {
  const [section = 'all', filter] = args.filter((arg) => !arg.startsWith('-'));
  switch (section) {
    case 'services': case 's': return dumpServices(device, filter);
    case 'processes': case 'p': return dumpProcesses(device, filter);
    case 'activities': case 'a': return dumpActivities(device);
    case 'top': return dumpTop(device);
    case 'all':
      return [dumpActivities(device), dumpServices(device, undefined), dumpProcesses(device, undefined)].join('-------------------------------------------------------------------------------\n');
    default:
      if (device.packages.get(section) !== undefined) return dumpServices(device, section);
      return `Bad activity command, or no activities match: ${section}\nUse -h for help.\n`;
  }
}

export function processRecordName(process: ProcessEntry): string {
  return `ProcessRecord{${objectHash(`proc:${process.pid}`)} ${process.pid}:${process.name}/${formatUid(process.uid)}}`;
}

function relative(device: AndroidModel, time: number): string {
  const ms = Math.max(0, device.now() - time);
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `-${minutes > 0 ? `${minutes}m` : ''}${seconds}s${String(ms % 1000).padStart(3, '0')}ms`;
}

function dumpServices(device: AndroidModel, filter: string | undefined): string {
  const services = device.processes.services().filter((service) => filter === undefined || service.packageName === filter);
  const lines = ['ACTIVITY MANAGER SERVICES (dumpsys activity services)'];
  if (services.length === 0) {
    lines.push('  (nothing)');
    return `${lines.join('\n')}\n`;
  }
  lines.push('  User 0 active services:');
  for (const service of services) lines.push(...serviceBlock(device, service));
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function serviceBlock(device: AndroidModel, service: ServiceEntry): string[] {
  const name = shortComponentName(service.packageName, service.className);
  const record = device.packages.get(service.packageName);
  const process = device.processes.byPid(service.pid) ?? device.processes.byPackage(service.packageName);
  const notification = device.notifications.list().find((entry) => entry.packageName === service.packageName && entry.id === service.foregroundId);
  const lines = [
    `  * ServiceRecord{${objectHash(`svc:${name}`)} u0 ${name}}`,
    `    intent={cmp=${name}}`,
    `    packageName=${service.packageName}`,
    `    processName=${service.packageName}`,
    `    baseDir=${record === undefined ? '' : apkPathOf(record)}`,
    `    dataDir=/data/user/0/${service.packageName}`,
    `    app=${process === undefined ? 'null' : processRecordName(process)}`,
  ];
  if (service.isForeground) {
    const channel = notification?.channelId ?? 'default';
    const flags = (notification?.flags ?? 0x62).toString(16);
    lines.push(`    isForeground=true foregroundId=${service.foregroundId} foregroundNoti=Notification(channel=${channel} shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x${flags} color=0x00000000 vis=PRIVATE)`);
  }
  lines.push(
    `    createTime=${relative(device, service.createTime)} startingBgTimeout=--`,
    `    lastActivity=${relative(device, service.createTime)} restartTime=${relative(device, service.createTime)} createdFromFg=true`,
    '    startRequested=true delayedStop=false stopIfKilled=false callStart=true lastStartId=1',
    '',
  );
  return lines;
}

function dumpProcesses(device: AndroidModel, filter: string | undefined): string {
  const apps = device.processes.list().filter((entry) => entry.packageName !== undefined || entry.name === 'system_server');
  const shown = apps.filter((entry) => filter === undefined || entry.packageName === filter || entry.name === filter);
  const lines = ['ACTIVITY MANAGER RUNNING PROCESSES (dumpsys activity processes)', '  All known processes:'];
  for (const process of shown) {
    const persistent = process.uid < 10_000;
    const record = process.packageName === undefined ? undefined : device.packages.get(process.packageName);
    lines.push(
      `  *${persistent ? 'PERS' : 'APP'}* UID ${process.uid} ${processRecordName(process)}`,
      `    user #0 uid=${process.uid} gids={${process.uid + 40_000}, ${process.uid + 10_000}, 9997}`,
      '    mRequiredAbi=x86_64 instructionSet=null',
      `    dir=${record === undefined ? '/system/framework/framework-res.apk' : apkPathOf(record)} publicDir=${record === undefined ? '/system/framework/framework-res.apk' : apkPathOf(record)} data=/data/user/0/${process.packageName ?? 'android'}`,
      `    packageList={${process.packageName ?? 'android'}}`,
      `    lastActivityTime=${relative(device, process.startTime)}`,
      `    pid=${process.pid} starting=false`,
    );
  }
  const focused = device.ui.focusedWindow().packageName;
  lines.push('', `  Process LRU list (sorted by oom_adj, ${shown.length} total, non-act at 0, non-svc at 0):`);
  shown.forEach((process, index) => {
    const top = process.packageName === focused;
    const state = top ? 'fg     T/A/TOP  LCM ' : process.uid < 10_000 ? 'pers   F/ /PER  LCM ' : 'svc    B/ /SVC  LCM ';
    lines.push(`    Proc #${String(index).padStart(2)}: ${state} t: 0 ${process.pid}:${process.name}/${formatUid(process.uid)} (${top ? 'top-activity' : process.uid < 10_000 ? 'pers-top-activity' : 'started-services'})`);
  });
  lines.push('', '  PID mappings:');
  for (const process of [...shown].sort((a, b) => a.pid - b.pid)) lines.push(`    PID #${process.pid}: ${processRecordName(process)}`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function focusedRecord(device: AndroidModel): { name: string; hash: string; task: number; packageName: string } {
  const focused = device.ui.focusedWindow();
  const name = shortComponentName(focused.packageName, focused.activity);
  const task = 10 + (Number.parseInt(objectHash(`task:${focused.packageName}`), 16) % 90);
  return { name, hash: objectHash(`act:${name}`), task, packageName: focused.packageName };
}

function dumpActivities(device: AndroidModel): string {
  const top = focusedRecord(device);
  const uid = device.packages.get(top.packageName)?.uid ?? 1000;
  const { screenWidth, screenHeight } = device.profile;
  return [
    'ACTIVITY MANAGER ACTIVITIES (dumpsys activity activities)',
    'Display #0 (activities from top to bottom):',
    `  * Task{${objectHash(`taskrec:${top.task}`)} #${top.task} type=standard A=${uid}:${top.packageName} U=0 visible=true mode=fullscreen translucent=false sz=1}`,
    `    mBounds=Rect(0, 0 - ${screenWidth}, ${screenHeight})`,
    `    * Hist  #0: ActivityRecord{${top.hash} u0 ${top.name} t${top.task}}`,
    '',
    `  ResumedActivity: ActivityRecord{${top.hash} u0 ${top.name} t${top.task}}`,
    `  mFocusedApp=ActivityRecord{${top.hash} u0 ${top.name} t${top.task}}`,
    '',
  ].join('\n') + '\n';
}

function dumpTop(device: AndroidModel): string {
  const top = focusedRecord(device);
  const uid = device.packages.get(top.packageName)?.uid ?? 1000;
  const pid = device.processes.byPackage(top.packageName)?.pid ?? 0;
  return `TASK ${uid}:${top.packageName} id=${top.task} userId=0\n  ACTIVITY ${top.name} ${top.hash} pid=${pid}\n`;
}
