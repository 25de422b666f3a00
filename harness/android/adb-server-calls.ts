import type { AndroidEnv } from './android-env.ts';
import type { AdbServerAddress } from './adb-server-connection.ts';

/**
 * Which `adb` command lines the harness's own adb-server client runs, and what it sends for them.
 * Anything not planned here goes to the adb binary.
 */
export type ServerCallPlan =
  | { kind: 'shell'; serial: string; command: readonly string[] }
  | { kind: 'devices'; service: 'host:devices' | 'host:devices-l' }
  | { kind: 'get-state'; service: string };

/** Longest shell command sent through the socket; longer ones go to the binary. */
const MAX_SHELL_COMMAND_BYTES = 32 * 1024;

/**
 * `adb shell <args…>` without options and with stdin from /dev/null, `adb devices [-l]` and
 * `adb get-state`. Not planned: stdin input (the binary streams it), `adb shell -t/-T/-x/-n/-e`
 * and `adb shell --` (getopt "+e:ntTx" in `client/commandline.cpp` adb_shell), an interactive
 * `adb shell`, a shell call without a serial (the server would pick "any" device), and every other command.
 */
export function planServerCall(serial: string | undefined, args: readonly string[], hasInput: boolean): ServerCallPlan | undefined {
  if (hasInput) return undefined;
  const [command, ...rest] = args;
  if (command === 'shell') {
    if (serial === undefined || rest.length === 0 || rest[0]?.startsWith('-')) return undefined;
    if (Buffer.byteLength(rest.join(' '), 'utf8') > MAX_SHELL_COMMAND_BYTES) return undefined;
    return { kind: 'shell', serial, command: rest };
  }
  if (command === 'devices' && rest.length === 0) return { kind: 'devices', service: 'host:devices' };
  if (command === 'devices' && rest.length === 1 && rest[0] === '-l') return { kind: 'devices', service: 'host:devices-l' };
  if (command === 'get-state' && rest.length === 0) {
    // `format_host_command`: host-serial:<serial>:<command> with -s, host:<command> without.
    return { kind: 'get-state', service: serial === undefined ? 'host:get-state' : `host-serial:${serial}:get-state` };
  }
  return undefined;
}

/**
 * The server runAdb's `adb -P <port>` reaches: `-P` makes the client ignore ADB_SERVER_SOCKET
 * ("If -L, -H, or -P are specified, ignore environment variables", `client/commandline.cpp`
 * parse_args), so it is 127.0.0.1:<port> ("tcp:<port>" is the loopback). Newer clients also honour
 * ANDROID_ADB_SERVER_ADDRESS as the host; with it set the binary decides (undefined here).
 */
export function adbServerAddress(env: AndroidEnv): AdbServerAddress | undefined {
  if (env.childEnv['ANDROID_ADB_SERVER_ADDRESS']) return undefined;
  return { host: '127.0.0.1', port: env.adbServerPort };
}
