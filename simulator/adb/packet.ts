/**
 * adb transport packets: a 24-byte little-endian header (`command, arg0, arg1, length, checksum,
 * magic = command ^ 0xffffffff`) followed by `length` payload bytes.
 * https://android.googlesource.com/platform/packages/modules/adb/+/refs/heads/main/protocol.txt
 */
export const A_CNXN = 0x4e584e43;
export const A_OPEN = 0x4e45504f;
export const A_OKAY = 0x59414b4f;
export const A_WRTE = 0x45545257;
export const A_CLSE = 0x45534c43;
export const A_AUTH = 0x48545541;
export const A_SYNC = 0x434e5953;
export const A_STLS = 0x534c5453;

/** The protocol version this device speaks: checksums are neither sent meaningfully nor verified. */
export const A_VERSION = 0x01000001;
/** Largest payload this device accepts (and announces in CNXN). */
export const MAX_PAYLOAD = 256 * 1024;

const HEADER_SIZE = 24;

export interface AdbPacket {
  command: number;
  arg0: number;
  arg1: number;
  payload: Buffer;
}

export function encodePacket(command: number, arg0: number, arg1: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeUInt32LE(command >>> 0, 0);
  header.writeUInt32LE(arg0 >>> 0, 4);
  header.writeUInt32LE(arg1 >>> 0, 8);
  header.writeUInt32LE(payload.length, 12);
  header.writeUInt32LE(checksumOf(payload), 16);
  header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
  return payload.length === 0 ? header : Buffer.concat([header, payload]);
}

/** The legacy byte-sum checksum; hosts with version ≥ 0x01000001 ignore it, older ones check it. */
function checksumOf(payload: Buffer): number {
  let sum = 0;
  for (const byte of payload) sum += byte;
  return sum >>> 0;
}

export function commandName(command: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(command >>> 0);
  return /^[A-Z0-9]{4}$/.test(bytes.toString('latin1')) ? bytes.toString('latin1') : `0x${command.toString(16)}`;
}

/** Splits a byte stream into packets; throws on a corrupt header (the connection is then dropped). */
export class PacketDecoder {
  #buffered: Buffer[] = [];
  #size = 0;
  /** Bytes the packet at the front needs; saves re-joining chunks while a large payload arrives. */
  #needed = HEADER_SIZE;

  push(chunk: Buffer): AdbPacket[] {
    this.#buffered.push(chunk);
    this.#size += chunk.length;
    const packets: AdbPacket[] = [];
    for (;;) {
      if (this.#size < this.#needed) break;
      const data = this.#flatten();
      const command = data.readUInt32LE(0);
      const magic = data.readUInt32LE(20);
      if (((command ^ 0xffffffff) >>> 0) !== magic) throw new Error(`bad adb packet header (command ${commandName(command)})`);
      const length = data.readUInt32LE(12);
      if (length > 16 * 1024 * 1024) throw new Error(`adb packet too large: ${length} bytes`);
      if (data.length < HEADER_SIZE + length) {
        this.#needed = HEADER_SIZE + length;
        break;
      }
      this.#needed = HEADER_SIZE;
      packets.push({
        command,
        arg0: data.readUInt32LE(4),
        arg1: data.readUInt32LE(8),
        payload: Buffer.from(data.subarray(HEADER_SIZE, HEADER_SIZE + length)),
      });
      const rest = data.subarray(HEADER_SIZE + length);
      this.#buffered = rest.length > 0 ? [rest] : [];
      this.#size = rest.length;
    }
    return packets;
  }

  #flatten(): Buffer {
    if (this.#buffered.length > 1) this.#buffered = [Buffer.concat(this.#buffered)];
    return this.#buffered[0] ?? Buffer.alloc(0);
  }
}
