import { createServer } from 'node:net';

/**
 * Free TCP ports on 127.0.0.1 for one test file. Ports are picked at random below Linux's ephemeral
 * range (32768–60999, where outgoing connections take their local ports) and checked by binding, so
 * test files running in parallel rarely collide and never reuse a busy port.
 */
const LOW = 10_000;
const HIGH = 32_000;

/** True when nothing listens on 127.0.0.1:port (we could bind it ourselves). */
export async function isPortFree(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** One free port. */
export async function allocatePort(): Promise<number> {
  const [port] = await allocatePorts(1);
  if (port === undefined) throw new Error('no free port found');
  return port;
}

/** `count` distinct free ports. */
export async function allocatePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let attempt = 0; ports.length < count && attempt < 1_000; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (!ports.includes(port) && (await isPortFree(port))) ports.push(port);
  }
  if (ports.length < count) throw new Error(`could not find ${count} free ports`);
  return ports;
}

/**
 * An emulator port pair like the real emulator's: an even console port and the adb port right
 * after it, both free, outside 5554–5585 so that the adb server's start-up scan never finds it.
 */
export async function allocateEmulatorPort(): Promise<{ consolePort: number; adbPort: number }> {
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const consolePort = LOW + 2 * Math.floor((Math.random() * (HIGH - LOW)) / 2);
    if ((await isPortFree(consolePort)) && (await isPortFree(consolePort + 1))) {
      return { consolePort, adbPort: consolePort + 1 };
    }
  }
  throw new Error('could not find a free even/odd port pair');
}
