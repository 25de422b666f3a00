/** File commands (toybox): ls, cat, mkdir, rm, touch, chmod, stat, md5sum, sha256sum, cp, mv. */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { FileStat } from '../../device/contracts.ts';
import { readAll, resolvePath, type CommandContext } from '../command.ts';

const TYPE_MASK = 0o170000;
const DIR = 0o040000;
const LINK = 0o120000;

function splitFlags(args: readonly string[]): { flags: Set<string>; paths: string[] } {
  const flags = new Set<string>();
  const paths: string[] = [];
  let endOfOptions = false;
  for (const arg of args) {
    if (!endOfOptions && arg === '--') { endOfOptions = true; continue; }
    if (!endOfOptions && arg.startsWith('-') && arg.length > 1) for (const flag of arg.slice(1)) flags.add(flag);
    else paths.push(arg);
  }
  return { flags, paths };
}

function modeString(stat: FileStat): string {
  const type = stat.mode & TYPE_MASK;
  const kind = type === DIR ? 'd' : type === LINK ? 'l' : '-';
  const bits = ['r', 'w', 'x'];
  let out = kind;
  for (let shift = 8; shift >= 0; shift--) out += stat.mode & (1 << shift) ? bits[(8 - shift) % 3] : '-';
  return out;
}

function ownerOf(path: string): string {
  if (path.startsWith('/data/local/tmp')) return 'shell  shell';
  if (path.startsWith('/storage/emulated') || path.startsWith('/sdcard')) return 'u0_a180 media_rw';
  if (path.startsWith('/system/bin/')) return 'root   shell';
  return 'root   root';
}

function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

function longLine(context: CommandContext, path: string, name: string): string {
  const fs = context.device.fs;
  const stat = fs.lstat(path);
  if (stat === undefined) return '';
  const link = (stat.mode & TYPE_MASK) === LINK ? ` -> ${fs.readLink(path) ?? ''}` : '';
  const links = (stat.mode & TYPE_MASK) === DIR ? 2 : 1;
  return `${modeString(stat)} ${String(links).padStart(2)} ${ownerOf(path)} ${String(stat.size).padStart(8)} ${formatTime(stat.mtime)} ${name}${link}`;
}

export function runLs(context: CommandContext): number {
  const { flags, paths } = splitFlags(context.args);
  const fs = context.device.fs;
  const targets = paths.length === 0 ? ['.'] : paths;
  let status = 0;
  const out: string[] = [];
  const listDir = (path: string, label: string, header: boolean): void => {
    const names = (fs.list(path) ?? []).filter((name) => flags.has('a') || !name.startsWith('.'));
    if (flags.has('t')) names.sort((a, b) => (fs.stat(posix.join(path, b))?.mtime ?? 0) - (fs.stat(posix.join(path, a))?.mtime ?? 0));
    if (header) out.push(`${label}:`);
    if (flags.has('l')) out.push(`total ${names.length * 8}`);
    if (flags.has('a')) names.unshift('.', '..');
    for (const name of names) out.push(flags.has('l') ? longLine(context, posix.join(path, name), name) : name);
    if (flags.has('R')) {
      for (const name of names) {
        if (name === '.' || name === '..') continue;
        const child = posix.join(path, name);
        if (((fs.lstat(child)?.mode ?? 0) & TYPE_MASK) === DIR) {
          out.push('');
          listDir(child, posix.join(label, name), true);
        }
      }
    }
  };
  for (const target of targets) {
    const path = resolvePath(context, target);
    const stat = fs.stat(path);
    if (stat === undefined) {
      context.stderr(`ls: ${target}: No such file or directory\n`);
      status = 1;
      continue;
    }
    // `ls -l /sdcard` describes the link itself; `ls -l /sdcard/` (or without -l) lists the target.
    const linkShownAsLink = flags.has('l') && !target.endsWith('/') && ((fs.lstat(path)?.mode ?? 0) & TYPE_MASK) === LINK;
    const isDir = (stat.mode & TYPE_MASK) === DIR && !flags.has('d') && !linkShownAsLink;
    if (isDir) listDir(path, target, targets.length > 1 || flags.has('R'));
    else out.push(flags.has('l') ? longLine(context, path, target) : target);
  }
  if (out.length > 0) context.stdout(`${out.join('\n')}\n`);
  return status;
}

export async function runCat(context: CommandContext): Promise<number> {
  const paths = context.args.filter((arg) => arg !== '-u');
  if (paths.length === 0) {
    context.stdout(await readAll(context.stdin));
    return 0;
  }
  let status = 0;
  for (const arg of paths) {
    if (arg === '-') { context.stdout(await readAll(context.stdin)); continue; }
    const path = resolvePath(context, arg);
    if (context.device.fs.isDirectory(path)) { context.stderr(`cat: ${arg}: Is a directory\n`); status = 1; continue; }
    const data = context.device.fs.read(path);
    if (data === undefined) { context.stderr(`cat: ${arg}: No such file or directory\n`); status = 1; continue; }
    context.stdout(data);
  }
  return status;
}

export function runMkdir(context: CommandContext): number {
  const { flags, paths } = splitFlags(context.args.filter((arg, index, all) => all[index - 1] !== '-m'));
  let status = 0;
  for (const arg of paths) {
    const path = resolvePath(context, arg);
    const fs = context.device.fs;
    if (fs.stat(path) !== undefined) {
      if (!flags.has('p')) { context.stderr(`mkdir: '${arg}': File exists\n`); status = 1; }
      continue;
    }
    if (!flags.has('p') && !fs.isDirectory(posix.dirname(path))) {
      context.stderr(`mkdir: '${arg}': No such file or directory\n`);
      status = 1;
      continue;
    }
    fs.mkdir(path, 0o771);
  }
  return status;
}

export function runRm(context: CommandContext): number {
  const { flags, paths } = splitFlags(context.args);
  const recursive = flags.has('r') || flags.has('R');
  let status = 0;
  for (const arg of paths) {
    const path = resolvePath(context, arg);
    const fs = context.device.fs;
    if (fs.lstat(path) === undefined) {
      if (!flags.has('f')) { context.stderr(`rm: ${arg}: No such file or directory\n`); status = 1; }
      continue;
    }
    if (!recursive && ((fs.lstat(path)?.mode ?? 0) & TYPE_MASK) === DIR) {
      context.stderr(`rm: ${arg}: Is a directory\n`);
      status = 1;
      continue;
    }
    fs.remove(path, { recursive });
  }
  return status;
}

export function runTouch(context: CommandContext): number {
  const { paths } = splitFlags(context.args);
  for (const arg of paths) context.device.fs.touch(resolvePath(context, arg));
  return 0;
}

export function runChmod(context: CommandContext): number {
  const { paths } = splitFlags(context.args);
  for (const arg of paths.slice(1)) {
    if (context.device.fs.stat(resolvePath(context, arg)) === undefined) {
      context.stderr(`chmod: ${arg}: No such file or directory\n`);
      return 1;
    }
  }
  return 0;
}

export function runStat(context: CommandContext): number {
  const formatIndex = context.args.indexOf('-c');
  const format = formatIndex >= 0 ? context.args[formatIndex + 1] : undefined;
  const paths = context.args.filter((arg, index) => !arg.startsWith('-') && index !== formatIndex + 1);
  let status = 0;
  for (const arg of paths) {
    const path = resolvePath(context, arg);
    const stat = context.device.fs.stat(path);
    if (stat === undefined) { context.stderr(`stat: '${arg}': No such file or directory\n`); status = 1; continue; }
    if (format !== undefined) {
      context.stdout(`${format.replace(/%([sanYyF])/g, (whole, key: string) => {
        switch (key) {
          case 's': return String(stat.size);
          case 'a': return (stat.mode & 0o7777).toString(8);
          case 'n': return arg;
          case 'Y': return String(stat.mtime);
          case 'y': return `${formatTime(stat.mtime)}:00.000000000 +0000`;
          case 'F': return (stat.mode & TYPE_MASK) === DIR ? 'directory' : 'regular file';
          default: return whole;
        }
      })}\n`);
    } else {
      context.stdout(`  File: ${arg}\n  Size: ${stat.size}\t Blocks: ${Math.ceil(stat.size / 512)}\t IO Blocks: 4096\t${(stat.mode & TYPE_MASK) === DIR ? 'directory' : 'regular file'}\nAccess: (${(stat.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(stat)})\nModify: ${formatTime(stat.mtime)}:00.000000000 +0000\n`);
    }
  }
  return status;
}

export async function runHashSum(context: CommandContext): Promise<number> {
  const algorithm = context.name.endsWith('md5sum') ? 'md5' : context.name.endsWith('sha1sum') ? 'sha1' : 'sha256';
  const paths = context.args.filter((arg) => !arg.startsWith('-'));
  if (paths.length === 0) {
    context.stdout(`${createHash(algorithm).update(await readAll(context.stdin)).digest('hex')}  -\n`);
    return 0;
  }
  let status = 0;
  for (const arg of paths) {
    const data = context.device.fs.read(resolvePath(context, arg));
    if (data === undefined) { context.stderr(`${posix.basename(context.name)}: ${arg}: No such file or directory\n`); status = 1; continue; }
    context.stdout(`${createHash(algorithm).update(data).digest('hex')}  ${arg}\n`);
  }
  return status;
}

export function runCpMv(context: CommandContext): number {
  const { paths } = splitFlags(context.args);
  const move = posix.basename(context.name) === 'mv';
  const fs = context.device.fs;
  const target = paths.pop();
  if (target === undefined || paths.length === 0) {
    context.stderr(`${move ? 'mv' : 'cp'}: Need 2 arguments\n`);
    return 1;
  }
  const targetPath = resolvePath(context, target);
  for (const arg of paths) {
    const source = resolvePath(context, arg);
    const data = fs.read(source);
    if (data === undefined) { context.stderr(`${move ? 'mv' : 'cp'}: ${arg}: No such file or directory\n`); return 1; }
    const destination = fs.isDirectory(targetPath) ? posix.join(targetPath, posix.basename(source)) : targetPath;
    fs.write(destination, data, (fs.stat(source)?.mode ?? 0o644) & 0o7777);
    if (move) fs.remove(source);
  }
  return 0;
}
