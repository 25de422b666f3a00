/**
 * The folders and system binaries of a freshly booted emulator, so that `ls /`, `ls /system/bin`,
 * `ls /sdcard` and `adb push … /data/local/tmp/` look and behave like an AOSP image.
 */
import type { MemoryFs } from './virtual-fs.ts';

/** Names under /system/bin of an AOSP x86_64 emulator image (toybox applets and Android tools). */
export const SYSTEM_BIN_NAMES: readonly string[] = [
  'am', 'app_process', 'app_process64', 'appops', 'appwidget', 'atrace', 'audioserver', 'awk', 'base64',
  'basename', 'blkid', 'bmgr', 'bootanimation', 'bu', 'bugreport', 'bugreportz', 'cameraserver', 'cat',
  'chcon', 'chgrp', 'chmod', 'chown', 'chroot', 'cksum', 'clear', 'cmd', 'cmp', 'comm', 'content', 'cp',
  'cpio', 'cut', 'date', 'dd', 'debuggerd', 'device_config', 'df', 'diff', 'dirname', 'dmesg', 'dos2unix',
  'dpm', 'drmserver', 'du', 'dumpstate', 'dumpsys', 'echo', 'egrep', 'env', 'expand', 'expr', 'fallocate',
  'false', 'fgrep', 'file', 'find', 'flock', 'fmt', 'free', 'fsync', 'getconf', 'getenforce', 'getevent',
  'getprop', 'gpuservice', 'grep', 'groups', 'gunzip', 'gzip', 'head', 'hostname', 'hw-timestamp', 'hwclock',
  'i2cdetect', 'iconv', 'id', 'ifconfig', 'ime', 'incident', 'init', 'inotifyd', 'input', 'install', 'installd',
  'ionice', 'iorenice', 'ip', 'iptables', 'keystore2', 'kill', 'killall', 'ld.mc', 'ldd', 'linker', 'linker64',
  'ln', 'lmkd', 'load_policy', 'locksettings', 'log', 'logcat', 'logd', 'logname', 'logwrapper', 'losetup',
  'ls', 'lsattr', 'lsmod', 'lsof', 'lspci', 'lsusb', 'make_f2fs', 'md5sum', 'media', 'mediaserver', 'microcom',
  'mkdir', 'mkfifo', 'mknod', 'mkswap', 'mktemp', 'modprobe', 'monkey', 'more', 'mount', 'mountpoint', 'mv',
  'nc', 'netcat', 'netd', 'netstat', 'newfs_msdos', 'nice', 'nl', 'nohup', 'nproc', 'nsenter', 'od', 'paste',
  'patch', 'pgrep', 'pidof', 'ping', 'ping6', 'pkill', 'pm', 'pmap', 'printenv', 'printf', 'ps', 'pwd',
  'readelf', 'readlink', 'realpath', 'reboot', 'renice', 'requestsync', 'resize2fs', 'restorecon', 'rm',
  'rmdir', 'rmmod', 'run-as', 'runcon', 'schedtest', 'screencap', 'screenrecord', 'secdiscard', 'sed',
  'sendevent', 'sensorservice', 'seq', 'service', 'servicemanager', 'setenforce', 'setprop', 'setsid',
  'settings', 'sh', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'sleep', 'sm', 'sort',
  'split', 'ss', 'start', 'stat', 'stop', 'storaged', 'strings', 'stty', 'surfaceflinger', 'svc', 'swapoff',
  'swapon', 'sync', 'sysctl', 'tac', 'tail', 'tar', 'taskset', 'tc', 'tee', 'telecom', 'test', 'time',
  'timeout', 'toolbox', 'top', 'touch', 'toybox', 'tr', 'true', 'truncate', 'tty', 'tune2fs', 'tzdatacheck',
  'uiautomator', 'ulimit', 'umount', 'uname', 'uniq', 'unix2dos', 'unlink', 'unshare', 'uptime', 'usleep',
  'uudecode', 'uuencode', 'uuidgen', 'vdc', 'vmstat', 'vold', 'watch', 'wc', 'which', 'whoami', 'wm', 'xargs',
  'xxd', 'yes', 'zcat',
];

const DIRECTORIES: ReadonlyArray<[string, number]> = [
  ['/acct', 0o555], ['/apex', 0o755], ['/cache', 0o770], ['/config', 0o500], ['/data', 0o771],
  ['/data/app', 0o771], ['/data/data', 0o771], ['/data/local', 0o751], ['/data/local/tmp', 0o771],
  ['/data/system', 0o775], ['/data/user', 0o711], ['/data/user/0', 0o771], ['/dev', 0o755],
  ['/mnt', 0o755], ['/odm', 0o755], ['/oem', 0o755], ['/proc', 0o555], ['/product', 0o755],
  ['/product/app', 0o755], ['/product/priv-app', 0o755], ['/storage', 0o755], ['/storage/emulated', 0o751],
  ['/storage/emulated/0', 0o770], ['/storage/emulated/0/Alarms', 0o770], ['/storage/emulated/0/Android', 0o771],
  ['/storage/emulated/0/DCIM', 0o770], ['/storage/emulated/0/Download', 0o770],
  ['/storage/emulated/0/Movies', 0o770], ['/storage/emulated/0/Music', 0o770],
  ['/storage/emulated/0/Notifications', 0o770], ['/storage/emulated/0/Pictures', 0o770],
  ['/storage/emulated/0/Podcasts', 0o770], ['/storage/emulated/0/Ringtones', 0o770], ['/sys', 0o755],
  ['/system', 0o755], ['/system/app', 0o755], ['/system/bin', 0o751], ['/system/etc', 0o755],
  ['/system/fonts', 0o755], ['/system/framework', 0o755], ['/system/lib64', 0o755],
  ['/system/priv-app', 0o755], ['/system/xbin', 0o751], ['/system_ext', 0o755],
  ['/system_ext/priv-app', 0o755], ['/vendor', 0o755],
];

/** Seeds a fresh file system with the folders and binaries of an emulator image. */
export function seedFilesystem(fs: MemoryFs, kernel: string): void {
  for (const [path, mode] of DIRECTORIES) fs.mkdir(path, mode);
  fs.symlink('/sdcard', '/storage/self/primary');
  fs.symlink('/storage/self/primary', '/storage/emulated/0');
  fs.symlink('/etc', '/system/etc');
  fs.symlink('/bin', '/system/bin');
  fs.symlink('/d', '/sys/kernel/debug');
  for (const name of SYSTEM_BIN_NAMES) fs.writePlaceholder(`/system/bin/${name}`, binarySize(name), 0o755);
  fs.write('/system/build.prop', Buffer.from('# begin build properties\n'), 0o600);
  // A few /proc files tools read (appium's webview detection reads /proc/net/unix).
  fs.write('/proc/version', Buffer.from(`Linux version ${kernel} (build-user@build-host) (Android (8508608, based on r450784e) clang version 14.0.7) #1 SMP PREEMPT Mon Oct 3 18:15:41 UTC 2022\n`), 0o444);
  fs.write('/proc/net/unix', Buffer.from('Num       RefCount Protocol Flags    Type St Inode Path\n'), 0o444);
  fs.write('/proc/meminfo', Buffer.from('MemTotal:        2014624 kB\nMemFree:          262408 kB\nMemAvailable:    1079564 kB\nBuffers:            5472 kB\nCached:           908232 kB\n'), 0o444);
  fs.write('/proc/cpuinfo', Buffer.from([0, 1, 2, 3].map((cpu) => `processor\t: ${cpu}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov sse sse2 ssse3 sse4_1 sse4_2 hypervisor\n`).join('\n')), 0o444);
  fs.write('/system/etc/hosts', Buffer.from('127.0.0.1       localhost\n::1             ip6-localhost\n'));
}

/** A plausible, stable size per binary so that `ls -l /system/bin` is not a column of zeros. */
function binarySize(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 8_000 + (hash % 120_000);
}
