import { connect } from 'node:net';

export interface RegistrationOptions {
  /** The adb server's port (`ANDROID_ADB_SERVER_PORT`, default 5037). */
  serverPort: number;
  /** This emulator's adb port (console port + 1). */
  adbPort: number;
  log?: (line: string) => void;
}

export interface Registration {
  /**
   * The guest's adbd is waiting for a host connection on a new pipe: announce the emulator once.
   * Happens when adbd starts (boot, or after the adb connection came back from a drop) and right
   * after each host connection was accepted (adbd opens its next pipe at once).
   */
  announce(): void;
  stop(): void;
}

/**
 * Tells the adb server about this emulator with the smart-socket request `host:emulator:<adbport>`
 * (the server then connects back to the adb port), exactly when the real emulator does: once per
 * guest pipe that starts waiting for a host connection (`AdbGuestPipe::waitForHostConnection` →
 * `AdbHostListener::notifyServer` → `AdbHostServer::notify`). There is no retry and no timer: a
 * notification to an adb server that is not running is lost, so a server started or restarted later
 * does not find an emulator outside its 5555–5585 scan until adbd opens another pipe.
 */
export function startEmulatorRegistration(options: RegistrationOptions): Registration {
  let stopped = false;
  let announcements = 0;
  const announce = (): void => {
    if (stopped) return;
    announcements += 1;
    const request = `host:emulator:${options.adbPort}`;
    const socket = connect({ host: '127.0.0.1', port: options.serverPort });
    socket.setNoDelay(true);
    socket.on('connect', () => {
      socket.end(`${request.length.toString(16).padStart(4, '0')}${request}`);
      options.log?.(`announced to the adb server on port ${options.serverPort} (${request}, #${announcements})`);
    });
    socket.on('data', () => undefined);
    // No server running: the real emulator stays silent and does not try again.
    socket.on('error', (error) => options.log?.(`adb server on port ${options.serverPort} not reachable (${error.message}); not announced`));
  };
  announce();
  return {
    announce,
    stop: () => {
      stopped = true;
    },
  };
}
