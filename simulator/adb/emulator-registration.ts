import { connect } from 'node:net';

export interface RegistrationOptions {
  /** The adb server's port (`ANDROID_ADB_SERVER_PORT`, default 5037). */
  serverPort: number;
  /** This emulator's adb port (console port + 1). */
  adbPort: number;
  /** True while the adb server holds a transport connection to us. */
  isConnected: () => boolean;
  /** How often to retry while no adb server holds us. @default 1000 */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface Registration {
  /** Registers again now (e.g. right after the server dropped our transport). */
  retryNow(): void;
  stop(): void;
}

/**
 * Tells the adb server about this emulator with the smart-socket request `host:emulator:<adbport>`
 * (the server then connects back to the adb port). Like the real emulator, it keeps trying while no
 * server holds a connection: a server started later, or restarted after `adb kill-server`, finds the
 * device without a scan (the server's own scan only covers ports 5555–5585).
 */
export function startEmulatorRegistration(options: RegistrationOptions): Registration {
  const intervalMs = options.intervalMs ?? 1_000;
  let stopped = false;
  let inFlight = false;
  let lastError = '';
  const attempt = (): void => {
    if (stopped || inFlight || options.isConnected()) return;
    inFlight = true;
    const request = `host:emulator:${options.adbPort}`;
    const socket = connect({ host: '127.0.0.1', port: options.serverPort });
    socket.setNoDelay(true);
    socket.on('connect', () => {
      socket.end(`${request.length.toString(16).padStart(4, '0')}${request}`);
      if (lastError !== 'sent') options.log?.(`registered with the adb server on port ${options.serverPort} (${request})`);
      lastError = 'sent';
    });
    socket.on('data', () => undefined);
    socket.on('error', (error) => {
      if (error.message !== lastError) options.log?.(`adb server on port ${options.serverPort} not reachable (${error.message}); retrying every ${intervalMs} ms`);
      lastError = error.message;
    });
    socket.on('close', () => {
      inFlight = false;
    });
  };
  const timer = setInterval(attempt, intervalMs);
  timer.unref();
  attempt();
  return {
    retryNow: () => setImmediate(attempt),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
