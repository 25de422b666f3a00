/**
 * Shell protocol v2 framing: `[id u8][length u32 LE][data]`.
 * https://android.googlesource.com/platform/packages/modules/adb/+/refs/heads/main/shell_protocol.h
 */
export const SHELL_STDIN = 0;
export const SHELL_STDOUT = 1;
export const SHELL_STDERR = 2;
export const SHELL_EXIT = 3;
export const SHELL_CLOSE_STDIN = 4;
export const SHELL_WINDOW_SIZE = 5;

export function encodeShellPacket(id: number, data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const header = Buffer.alloc(5);
  header.writeUInt8(id, 0);
  header.writeUInt32LE(bytes.length, 1);
  return Buffer.concat([header, bytes]);
}

/** Reassembles shell packets from WRTE payloads, which may split or join them arbitrarily. */
export class ShellPacketDecoder {
  #pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Array<{ id: number; data: Buffer }> {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const packets: Array<{ id: number; data: Buffer }> = [];
    while (this.#pending.length >= 5) {
      const length = this.#pending.readUInt32LE(1);
      if (this.#pending.length < 5 + length) break;
      packets.push({ id: this.#pending.readUInt8(0), data: Buffer.from(this.#pending.subarray(5, 5 + length)) });
      this.#pending = this.#pending.subarray(5 + length);
    }
    return packets;
  }
}
