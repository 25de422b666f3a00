import type { Duplex } from 'node:stream';
import type { AdbStream } from '../adb-stream.ts';

/**
 * `tcp:<port>` (every `adb forward` connection): pipes the adb stream to a device-side server
 * connection. Device→host data waits for the host's OKAY before more is read, so a slow host
 * slows the device-side server instead of filling memory.
 */
export async function serveTcp(stream: AdbStream, connection: Duplex): Promise<void> {
  await new Promise<void>((resolve) => {
    const finish = (): void => {
      connection.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer | string): void => {
      connection.pause();
      void stream.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk).then(() => connection.resume());
    };
    connection.on('data', onData);
    connection.once('end', finish);
    connection.once('close', finish);
    // A device-side server may fail more than once (write after destroy): keep a listener for all.
    connection.on('error', finish);
    stream.signal.addEventListener('abort', finish, { once: true });
    void (async () => {
      for await (const chunk of stream) {
        if (connection.destroyed) break;
        connection.write(chunk);
      }
      // The host closed its end (adb has no half-close): end ours so the server sees EOF.
      if (!connection.destroyed) connection.end();
    })();
  });
  await stream.flush();
}
