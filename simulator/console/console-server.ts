import { createServer, type Server, type Socket } from 'node:net';
import { consoleTokenPath, readConsoleToken } from './auth-token.ts';
import { runConsoleCommand, runUnauthenticatedCommand, type ConsoleTarget } from './console-commands.ts';
import { listenOnLoopback } from '../net/listen-loopback.ts';

export interface ConsoleServerOptions {
  port: number;
  /** HOME holding `.emulator_console_auth_token`. */
  home: string;
  target: ConsoleTarget;
  log?: (line: string) => void;
}

export interface ConsoleServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The emulator console: telnet-style lines ending in `\r\n`, each reply ending with `OK`, `OK: …`
 * or `KO: …`. With a non-empty token file a client must `auth <token>` first; the banner then says
 * so, and ends with the first `OK` that `adb emu` skips.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConsoleClient(socket, options);
  });
  await listenOnLoopback(server, options.port);
  return {
    port: options.port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function serveConsoleClient(socket: Socket, options: ConsoleServerOptions): void {
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  const token = readConsoleToken(options.home);
  let authenticated = token === '';
  const send = (lines: readonly string[], status: string | undefined): void => {
    const text = [...lines, ...(status === undefined ? [] : [status])].map((line) => `${line}\r\n`).join('');
    if (text && !socket.destroyed) socket.write(text);
  };
  if (authenticated) {
    send(["Android Console: type 'help' for a list of commands"], 'OK');
  } else {
    send(
      [
        'Android Console: Authentication required',
        "Android Console: type 'auth <auth_token>' to authenticate",
        'Android Console: you can find your <auth_token> in ',
        `'${consoleTokenPath(options.home)}'`,
      ],
      'OK',
    );
  }
  let pending = '';
  let queue = Promise.resolve();
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      // Commands run one at a time, in order, even when a client pipelines them (adb emu sends `cmd\nquit\n`).
      queue = queue.then(async () => {
        if (socket.destroyed) return;
        options.log?.(`console: ${line.startsWith('auth ') ? 'auth ***' : line}`);
        const reply = authenticated ? await runConsoleCommand(line, options.target) : runUnauthenticatedCommand(line, token);
        if ('authenticated' in reply && reply.authenticated) authenticated = true;
        send(reply.lines, reply.status);
        if (reply.after === 'quit') socket.end();
        if (reply.after === 'kill') {
          socket.end();
          options.target.kill();
        }
      });
    }
  });
}
