import { describe, expect, it } from 'vitest';
import { A_CNXN, A_WRTE, PacketDecoder, commandName, encodePacket } from './packet.ts';

describe('adb packets', () => {
  it('encodes the 24-byte little-endian header with magic and checksum', () => {
    const packet = encodePacket(A_WRTE, 7, 9, Buffer.from('hi'));
    expect(packet.length).toBe(26);
    expect(packet.toString('latin1', 0, 4)).toBe('WRTE');
    expect(packet.readUInt32LE(4)).toBe(7);
    expect(packet.readUInt32LE(8)).toBe(9);
    expect(packet.readUInt32LE(12)).toBe(2);
    expect(packet.readUInt32LE(16)).toBe('h'.charCodeAt(0) + 'i'.charCodeAt(0));
    expect(packet.readUInt32LE(20)).toBe((A_WRTE ^ 0xffffffff) >>> 0);
    expect(commandName(A_CNXN)).toBe('CNXN');
  });

  it('decodes packets split and joined arbitrarily', () => {
    const big = Buffer.alloc(100_000, 3);
    const bytes = Buffer.concat([encodePacket(A_CNXN, 1, 2, Buffer.from('host::\0')), encodePacket(A_WRTE, 3, 4, big), encodePacket(A_WRTE, 5, 6)]);
    const decoder = new PacketDecoder();
    const packets = [];
    for (let offset = 0; offset < bytes.length; offset += 777) packets.push(...decoder.push(bytes.subarray(offset, offset + 777)));
    expect(packets.map((packet) => [commandName(packet.command), packet.arg0, packet.arg1, packet.payload.length])).toEqual([
      ['CNXN', 1, 2, 7],
      ['WRTE', 3, 4, 100_000],
      ['WRTE', 5, 6, 0],
    ]);
    expect(packets[1]?.payload.equals(big)).toBe(true);
  });

  it('rejects a header whose magic does not match', () => {
    const packet = encodePacket(A_WRTE, 1, 1);
    packet.writeUInt32LE(0, 20);
    expect(() => new PacketDecoder().push(packet)).toThrow(/bad adb packet header/);
  });
});
