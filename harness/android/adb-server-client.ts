import { StringDecoder } from 'node:string_decoder';
import type { AndroidEnv } from './android-env.ts';
import { AdbProtocolFault, AdbServerConnection, AdbServerUnreachable, type AdbServerAddress } from './adb-server-connection.ts';
import { adbServerAddress, planServerCall, type ServerCallPlan } from './adb-server-calls.ts';
import { SHELL_ID, ShellPacketDecoder, encodeShellPacket, parseFeatures, shellV2Service } from './adb-wire.ts';

/**
 * A client of the real adb server's smart-socket protocol for the harness's hot calls (`adb shell`,
 * `adb devices [-l]`, `adb get-state`), as ddmlib and Android Studio talk to it: no adb client
 * process is spawned. It gives what `adb` 1.0.41 gives for the same command line: the same stdout
 * bytes, stderr and exit code (AOSP packages/modules/adb `client/commandline.cpp`,
 * `client/adb_client.cpp`, `shell_protocol.h`). It returns undefined when the binary must run
 * instead: no server listening (the binary starts one), a device without shell_v2, a command it
 * does not implement.
 */

export interface ServerCallResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

export type ServerCallOutcome = ServerCallResult | 'timeout' | 'cancelled';

interface CachedTransport {
  features: ReadonlySet<string>;
  /** The server's id for the connection the features came from; a reconnected device gets a new one. */
  transportId: bigint;
}

/** Features per server and serial, valid while the server's transport id for the serial is unchanged. */
const transports = new Map<string, CachedTransport>();

class FallBackToBinary extends Error {}

interface Session {
  address: AdbServerAddress;
  open(): Promise<AdbServerConnection>;
}

/** `error: <message>` and exit 1: what the client prints for a FAIL (`RemoteShell`, `adb_query_command`). */
function failure(message: string, stdout = ''): ServerCallResult {
  return { stdout: Buffer.from(stdout, 'utf8'), stderr: Buffer.from(`error: ${message}\n`, 'utf8'), exitCode: 1 };
}

async function hostQuery(session: Session, service: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const connection = await session.open();
  const status = await connection.request(service);
  if (!status.ok) return status;
  return { ok: true, text: await connection.readProtocolString(service) };
}

async function runDevices(session: Session, service: string): Promise<ServerCallResult> {
  // `adb devices` prints its header before the query, then the server's text and a newline.
  const header = 'List of devices attached\n';
  const answer = await hostQuery(session, service);
  return answer.ok ? { stdout: Buffer.from(`${header}${answer.text}\n`, 'utf8'), stderr: Buffer.alloc(0), exitCode: 0 } : failure(answer.message, header);
}

async function runGetState(session: Session, service: string): Promise<ServerCallResult> {
  const answer = await hostQuery(session, service);
  return answer.ok ? { stdout: Buffer.from(`${answer.text}\n`, 'utf8'), stderr: Buffer.alloc(0), exitCode: 0 } : failure(answer.message);
}

/**
 * `adb -s <serial> shell <args…>`: features (cached), `host:tport:serial:<serial>` (OKAY + the
 * 8-byte little-endian transport id), the shell v2 service, close-stdin at once (the binary's stdin
 * is /dev/null: `stdin_read_thread_loop` sends kIdCloseStdin on EOF), then stdout/stderr packets
 * until the exit packet. A stream that ends without one exits 255 (`read_and_dump_protocol`,
 * "OpenSSH returns 255 on unexpected disconnection").
 */
async function runShell(session: Session, plan: Extract<ServerCallPlan, { kind: 'shell' }>, term: string | undefined, retried = false): Promise<ServerCallResult> {
  const key = `${serverKey(session.address)}${plan.serial}`;
  const cached = transports.get(key);
  let features = cached?.features;
  if (!features) {
    const answer = await hostQuery(session, `host-serial:${plan.serial}:features`);
    if (!answer.ok) return failure(answer.message);
    features = parseFeatures(answer.text);
  }
  if (!features.has('shell_v2')) throw new FallBackToBinary('the device has no shell_v2');
  const connection = await session.open();
  const transport = await connection.request(`host:tport:serial:${plan.serial}`);
  if (!transport.ok) {
    transports.delete(key);
    return failure(transport.message);
  }
  const transportId = (await connection.read(8, 'transport id')).readBigUInt64LE(0);
  if (cached && cached.transportId !== transportId) {
    // The serial came back on a new connection (a relaunched emulator): its features may differ.
    connection.destroy();
    transports.delete(key);
    if (retried) throw new FallBackToBinary('the device reconnected twice during one call');
    return await runShell(session, plan, term, true);
  }
  if (!cached) transports.set(key, { features, transportId });
  // From here the command may be running on the device: no fallback to the binary (it would run twice).
  const shell = await connection.request(shellV2Service(plan.command, term)).catch((error: unknown) => ({
    ok: false as const, message: `protocol fault (couldn't read status): ${error instanceof Error ? error.message : String(error)}`,
  }));
  if (!shell.ok) return failure(shell.message);
  connection.write(encodeShellPacket(SHELL_ID.closeStdin));
  const decoder = new ShellPacketDecoder();
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode = 255;
  await connection.stream((chunk) => {
    for (const packet of decoder.push(chunk)) {
      if (packet.id === SHELL_ID.stdout) stdout.push(packet.data);
      else if (packet.id === SHELL_ID.stderr) stderr.push(packet.data);
      else if (packet.id === SHELL_ID.exit) {
        // adbd sends the exit packet last, after both output streams are drained (`shell_service.cpp`).
        exitCode = packet.data[0] ?? 255;
        return true;
      }
    }
    return false;
  });
  connection.destroy();
  return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode };
}

async function execute(session: Session, plan: ServerCallPlan, env: AndroidEnv): Promise<ServerCallResult> {
  switch (plan.kind) {
    case 'devices': return await runDevices(session, plan.service);
    case 'get-state': return await runGetState(session, plan.service);
    case 'shell': return await runShell(session, plan, env.childEnv['TERM']);
  }
}

/**
 * Runs `adb [-s serial] <args>` through the adb server's socket within `timeoutMs` and `signal`
 * (both destroy the sockets), or returns undefined when the adb binary must run it.
 */
export async function runViaAdbServer(
  env: AndroidEnv,
  serial: string | undefined,
  args: readonly string[],
  options: { timeoutMs: number; signal?: AbortSignal | undefined; hasInput: boolean },
): Promise<ServerCallOutcome | undefined> {
  const plan = planServerCall(serial, args, options.hasInput);
  const address = adbServerAddress(env);
  // A new server numbers its transports from 1 again: cached ids would match other connections.
  if (args[0] === 'kill-server' && address) forgetServer(address);
  if (!plan || !address) return undefined;
  if (options.signal?.aborted) return 'cancelled';
  const open = new Set<AdbServerConnection>();
  let stopped: 'timeout' | 'cancelled' | undefined;
  let wake: () => void = () => undefined;
  const stoppedPromise = new Promise<'timeout' | 'cancelled'>((resolve) => { wake = () => resolve(stopped ?? 'cancelled'); });
  const stop = (why: 'timeout' | 'cancelled'): void => {
    if (stopped) return;
    stopped = why;
    for (const connection of open) connection.destroy();
    wake();
  };
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  const onAbort = (): void => stop('cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const session: Session = {
    address,
    open: async () => {
      const connection = await AdbServerConnection.open(address);
      open.add(connection);
      if (stopped) connection.destroy();
      return connection;
    },
  };
  const running = execute(session, plan, env);
  try {
    return await Promise.race([running, stoppedPromise]);
  } catch (error) {
    if (stopped) return stopped;
    // Nothing reached the device yet: the binary starts a missing server, or handles the device.
    if (error instanceof AdbServerUnreachable || error instanceof FallBackToBinary || error instanceof AdbProtocolFault) return undefined;
    throw error;
  } finally {
    running.catch(() => undefined);
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    for (const connection of open) connection.destroy();
  }
}

function serverKey(address: AdbServerAddress): string {
  return `${address.host}:${address.port}\u0000`;
}

function forgetServer(address: AdbServerAddress): void {
  for (const key of transports.keys()) if (key.startsWith(serverKey(address))) transports.delete(key);
}

/**
 * `adb track-devices` without the adb process: `host:track-devices`, then every chunk of the
 * server's length-prefixed reports, raw, as the binary prints them (`read_and_dump`), until `signal`.
 * Resolves false when no server listens or it refuses (the caller runs the binary), true once the
 * stream ended.
 */
export async function trackDevicesViaServer(env: AndroidEnv, signal: AbortSignal, onChunk: (text: string) => void): Promise<boolean> {
  const address = adbServerAddress(env);
  if (!address || signal.aborted) return address !== undefined;
  let connection: AdbServerConnection;
  try {
    connection = await AdbServerConnection.open(address);
  } catch {
    return false;
  }
  const onAbort = (): void => connection.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const status = await connection.request('host:track-devices').catch(() => undefined);
    if (!status?.ok) return false;
    const decoder = new StringDecoder('utf8');
    await connection.stream((chunk) => { onChunk(decoder.write(chunk)); });
    return true;
  } finally {
    signal.removeEventListener('abort', onAbort);
    connection.destroy();
  }
}

/** Forgets every cached device's features (tests). */
export function forgetAdbServerTransports(): void {
  transports.clear();
}
