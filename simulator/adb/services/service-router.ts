import type { VirtualDevice } from '../../device/contracts.ts';
import type { AdbStream } from '../adb-stream.ts';
import type { ServiceRouter } from '../adb-connection.ts';
import { splitWords, quoteWords } from './install-args.ts';
import { serveStreamedInstall } from './install-service.ts';
import { serveRawShell, serveShellV2 } from './shell-service.ts';
import { serveSync } from './sync-service.ts';
import { serveTcp } from './tcp-service.ts';

type Handler = (stream: AdbStream) => Promise<void>;

/**
 * Maps adb service names to handlers on one device. Anything not modelled (`reverse:`, `jdwp`,
 * `root:`, `localabstract:`…) is refused with CLSE, which adb reports as an error.
 */
export function createServiceRouter(device: VirtualDevice): ServiceRouter {
  return (service) => routeService(device, service);
}

function routeService(device: VirtualDevice, service: string): Handler | undefined {
  const shell = /^shell((?:,[^:]*)?):([\s\S]*)$/.exec(service);
  if (shell) {
    const options = (shell[1] ?? '').split(',').filter(Boolean);
    const command = shell[2] ?? '';
    return options.includes('v2')
      ? (stream) => serveShellV2(stream, device, command)
      : (stream) => serveRawShell(stream, device, command);
  }
  if (service.startsWith('exec:')) {
    const command = service.slice('exec:'.length);
    const words = splitWords(command);
    if (words[0] === 'cmd' && words[1] === 'package' && words[2] === 'install') {
      return (stream) => serveStreamedInstall(stream, device, words.slice(3));
    }
    return (stream) => serveRawShell(stream, device, command);
  }
  if (service.startsWith('abb_exec:') || service.startsWith('abb:')) {
    const exec = service.startsWith('abb_exec:');
    const args = service.slice(service.indexOf(':') + 1).split('\0');
    if (exec && args[0] === 'package' && args[1] === 'install') {
      return (stream) => serveStreamedInstall(stream, device, args.slice(2));
    }
    // Binder calls reach the same services as `cmd <service> …` does through the shell.
    const command = quoteWords(['cmd', ...args]);
    return exec ? (stream) => serveRawShell(stream, device, command) : (stream) => serveShellV2(stream, device, command);
  }
  if (service === 'sync:') return (stream) => serveSync(stream, device.fs);
  const tcp = /^tcp:(\d+)$/.exec(service);
  if (tcp) {
    const connection = device.connectTcp(Number(tcp[1]));
    return connection ? (stream) => serveTcp(stream, connection) : undefined;
  }
  return undefined;
}
