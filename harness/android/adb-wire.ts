/**
 * The byte formats between an adb client and the adb server, as pure functions (no sockets):
 *
 * - smart-socket requests: 4 lowercase hex digits of the service's byte length, then the service
 *   (AOSP packages/modules/adb `adb_io.cpp` SendProtocolString, `"%04x"`; OVERVIEW.TXT, SERVICES.TXT);
 * - the server's answer: `OKAY`, or `FAIL` + 4 hex digits + a message (`client/adb_client.cpp` adb_status);
 * - shell protocol v2 packets: 1 id byte, 4-byte little-endian length, the data (`shell_protocol.h`).
 */

/** Shell protocol v2 packet ids (`shell_protocol.h`, enum ShellProtocol::Id). */
export const SHELL_ID = { stdin: 0, stdout: 1, stderr: 2, exit: 3, closeStdin: 4, windowSizeChange: 5 } as const;

export interface ShellPacket {
  id: number;
  data: Buffer;
}

/** `0012host:emulator:5555`-style request bytes for one service. */
export function encodeSmartSocketRequest(service: string): Buffer {
  const body = Buffer.from(service, 'utf8');
  if (body.length === 0 || body.length > 0xffff) throw new RangeError(`bad service name length (${body.length})`);
  return Buffer.concat([Buffer.from(body.length.toString(16).padStart(4, '0'), 'latin1'), body]);
}

/** The 4 hex digits of a length prefix, or undefined when they are not hex (a protocol fault). */
export function parseHexLength(prefix: Buffer): number | undefined {
  const text = prefix.toString('latin1');
  return /^[0-9a-fA-F]{4}$/.test(text) ? Number.parseInt(text, 16) : undefined;
}

export function encodeShellPacket(id: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(id, 0);
  header.writeUInt32LE(data.length, 1);
  return Buffer.concat([header, data]);
}

/**
 * Splits a shell v2 byte stream into packets as chunks arrive; a packet split across chunks waits
 * for the rest. `pending` is how many bytes of an incomplete packet are held.
 */
export class ShellPacketDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): ShellPacket[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const packets: ShellPacket[] = [];
    while (this.#buffer.length >= 5) {
      const length = this.#buffer.readUInt32LE(1);
      if (this.#buffer.length < 5 + length) break;
      packets.push({ id: this.#buffer.readUInt8(0), data: this.#buffer.subarray(5, 5 + length) });
      this.#buffer = this.#buffer.subarray(5 + length);
    }
    return packets;
  }

  get pending(): number {
    return this.#buffer.length;
  }
}

/** `host-serial:<serial>:features` answers a comma-separated list (`transport.cpp` FeatureSetToString). */
export function parseFeatures(text: string): Set<string> {
  return new Set(text.split(',').map((feature) => feature.trim()).filter((feature) => feature !== ''));
}

/**
 * The service string `adb shell <args…>` sends with shell protocol v2 and no pty
 * (`client/commandline.cpp` adb_shell + ShellServiceString): the arguments joined with single
 * spaces and not escaped ("just like ssh(1)"), `TERM=<value>` first when the client's environment
 * has TERM, then `raw` because stdin is not a terminal.
 */
export function shellV2Service(args: readonly string[], term: string | undefined): string {
  const options = ['v2', ...(term !== undefined ? [`TERM=${term}`] : []), 'raw'];
  return `shell,${options.join(',')}:${args.join(' ')}`;
}
