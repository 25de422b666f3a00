export { startConsoleServer } from './console-server.ts';
export type { ConsoleServer, ConsoleServerOptions } from './console-server.ts';
export { runConsoleCommand, runUnauthenticatedCommand, formatSnapshotList } from './console-commands.ts';
export type { ConsoleTarget, ConsoleReply } from './console-commands.ts';
export { SnapshotStore } from './snapshot-store.ts';
export type { SnapshotInfo } from './snapshot-store.ts';
export { readConsoleToken, consoleTokenPath } from './auth-token.ts';
