/**
 * `ps` (toybox): `ps --help` mentions `-A` (appium-adb checks /^-A\b/m), `ps -A` prints
 * `USER PID PPID VSZ RSS WCHAN ADDR S NAME`; plain `ps` shows only the shell's own processes.
 * Also `pidof` and `kill`.
 */
import { SYSTEM_UID_NAMES } from '../../device/package-record.ts';
import type { ProcessEntry } from '../../device/process-table.ts';
import type { CommandContext } from '../command.ts';

const PS_HELP = `usage: ps [-AadefLlnwZ] [-gG GROUP,] [-k FIELD,] [-o FIELD,] [-p PID,] [-t TTY,] [-uU USER,]

List processes.

Which processes to show (-gGuUpPt selections may be comma separated lists):

-A  All			-a  Has terminal not session leader
-d  All but session leaders	-e  Synonym for -A
-g  In GROUPs		-G  In real GROUPs (before sgid)
-p  PIDs (--pid)	-P  Parent PIDs (--ppid)
-s  In session IDs	-t  Attached to selected TTYs
-T  Show threads also	-u  Owned by selected USERs
-U  Real USERs (before suid)

Output modifiers:

-k  Sort FIELDs (-FIELD to reverse)	-M  Measure/pad future field widths
-n  Show numeric USER and GROUP		-w  Wide output (don't truncate fields)

Which FIELDs to show. (-o HELP for list, default = -o PID,TTY,TIME,CMD)

-f  Full listing (-o USER:12=UID,PID,PPID,C,STIME,TTY,TIME,ARGS=CMD)
-l  Long listing (-o F,S,UID,PID,PPID,C,PRI,NI,ADDR,SZ,WCHAN,TTY,TIME,CMD)
-o  Output FIELDs instead of defaults, each with optional :size and =title
-O  Add FIELDS to defaults
-Z  Include LABEL
`;

/** The user column: `u0_a153` for apps (getpwuid), names for system uids. */
function userName(uid: number): string {
  return uid >= 10_000 ? `u0_a${uid - 10_000}` : (SYSTEM_UID_NAMES[uid] ?? String(uid));
}

/** Column layout of toybox's default `ps -A`: [title, width, right-aligned]. */
const COLUMNS: ReadonlyArray<[string, number, boolean]> = [
  ['USER', 12, false], ['PID', 5, true], ['PPID', 5, true], ['VSZ', 7, true], ['RSS', 6, true],
  ['WCHAN', 16, false], ['ADDR', 4, true], ['S', 1, false], ['NAME', 0, false],
];

/** Lays out fields so each column ends where the header's does, letting wide values push the line. */
function formatRow(values: readonly string[]): string {
  let line = '';
  let target = 0;
  COLUMNS.forEach(([, width, right], index) => {
    const value = values[index] ?? '';
    if (index > 0) { line += ' '; target += 1; }
    target += width;
    if (right) line += value.padStart(Math.max(value.length, target - line.length));
    else line += value.padEnd(index === COLUMNS.length - 1 ? 0 : Math.max(value.length, target - line.length));
  });
  return line.trimEnd();
}

function rowOf(process: ProcessEntry): string {
  return formatRow([userName(process.uid), String(process.pid), String(process.ppid), String(process.vsz), String(process.rss),
    process.wchan, '0', process.state, process.name]);
}

export function runPs(context: CommandContext): number {
  const args = context.args;
  if (args.includes('--help') || args.includes('-h')) {
    context.stdout(PS_HELP);
    return 0;
  }
  const all = args.some((arg) => /^-[A-Za-z]*[Ae]/.test(arg));
  const pidOption = args.indexOf('-p');
  const pids = pidOption >= 0 ? (args[pidOption + 1] ?? '').split(',').map(Number) : undefined;
  const names = args.filter((arg, index) => !arg.startsWith('-') && args[index - 1] !== '-p' && args[index - 1] !== '-o');
  let processes = [...context.device.processes.list()];
  const ownShell = (entry: ProcessEntry): boolean => entry.pid === context.shellPid || entry.ppid === context.shellPid;
  if (!all && pids === undefined && names.length === 0) processes = processes.filter(ownShell);
  if (pids !== undefined) processes = processes.filter((entry) => pids.includes(entry.pid));
  if (names.length > 0) processes = processes.filter((entry) => names.includes(entry.name));
  // ps itself is running (R) while the shell and its other children wait in sigsuspend.
  const shown = processes.map((entry) => (ownShell(entry)
    ? { ...entry, state: entry.name === 'ps' ? 'R' as const : 'S' as const, wchan: entry.name === 'ps' ? '0' : 'sigsuspend' }
    : entry));
  const lines = [formatRow(COLUMNS.map(([title]) => title)), ...shown.map(rowOf)];
  context.stdout(`${lines.join('\n')}\n`);
  return processes.length === 0 && (pids !== undefined || names.length > 0) ? 1 : 0;
}

export function runPidof(context: CommandContext): number {
  const pids = context.device.processes.list()
    .filter((entry) => context.args.includes(entry.name))
    .map((entry) => entry.pid)
    .sort((a, b) => b - a);
  if (pids.length === 0) return 1;
  context.stdout(`${pids.join(' ')}\n`);
  return 0;
}

/** `kill [-SIGNAL] pid…`: the shell user may only kill its own processes. */
export function runKill(context: CommandContext): number {
  let status = 0;
  for (const arg of context.args.filter((value) => !value.startsWith('-'))) {
    const pid = Number.parseInt(arg, 10);
    const entry = context.device.processes.byPid(pid);
    if (entry === undefined) {
      context.stderr(`kill: ${arg}: No such process\n`);
      status = 1;
    } else if (entry.uid !== 2000) {
      context.stderr(`kill: ${arg}: Operation not permitted\n`);
      status = 1;
    } else {
      context.device.processes.exit(pid);
    }
  }
  return status;
}
