import { createServer } from 'node:net';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * An even console port whose adb port (port + 1) is free too, at or above `from`. The adb server
 * scans 5555–5585 at start and would grab an emulator there on its own, so that range is skipped.
 */
export async function findEmulatorPort(from: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let port = from % 2 === 0 ? from : from + 1; port < 65_000; port += 2) {
    if (port >= 5554 && port <= 5585) continue;
    if (taken.has(port)) continue;
    if ((await canListen(port)) && (await canListen(port + 1))) return port;
  }
  throw new Error(`no free emulator port pair at or above ${from}`);
}

/** A free TCP port at or above `from` (Appium's systemPort, an adb server port). */
export async function findFreePort(from: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let port = from; port < 65_000; port += 1) {
    if (!taken.has(port) && (await canListen(port))) return port;
  }
  throw new Error(`no free port at or above ${from}`);
}
