import type { VirtualDevice } from '../../device/contracts.ts';
import type { AdbStream } from '../adb-stream.ts';
import type { ServiceRouter } from '../adb-connection.ts';
import { splitWords, quoteWords } from './install-args.ts';
import { serveStreamedInstall } from './install-service.ts';
import { serveRoot, type AdbdHost } from './root-service.ts';
import { serveRawShell, serveShellV2 } from './shell-service.ts';
import { serveSync } from './sync-service.ts';
import { serveTcp } from './tcp-service.ts';

type Handler = (stream: AdbStream) => Promise<void>;

export interface ServiceRouterOptions {
  /** Restarts adbd (the emulator drops the transport and announces the new adbd); enables `root:`/`unroot:`. */
  restartAdbd?: () => void;
}

/**
 * Maps adb service names to handlers on one device. Anything not modelled (`reverse:`, `jdwp`,
 * `localabstract:`…) is refused with CLSE, which adb reports as an error; `root:`/`unroot:` too
 * when the device has no properties or adbd cannot be restarted.
 */
export function createServiceRouter(device: VirtualDevice, options: ServiceRouterOptions = {}): ServiceRouter {
  const adbd = adbdHostOf(device, options.restartAdbd);
  return (service) => routeService(device, service, adbd);
}

function adbdHostOf(device: VirtualDevice, restartAdbd: (() => void) | undefined): AdbdHost | undefined {
  const props = device as Partial<Pick<AdbdHost, 'getProp' | 'setProp'>>;
  if (restartAdbd === undefined || typeof props.getProp !== 'function' || typeof props.setProp !== 'function') return undefined;
  const { getProp, setProp } = props;
  return { getProp: (name) => getProp.call(device, name), setProp: (name, value) => setProp.call(device, name, value), restartAdbd };
}

function routeService(device: VirtualDevice, service: string, adbd: AdbdHost | undefined): Handler | undefined {
  if ((service === 'root:' || service === 'unroot:') && adbd !== undefined) {
    return (stream) => serveRoot(stream, adbd, service === 'root:');
  }
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
