import { describe, expect, it } from 'vitest';
import { SHELL_CLOSE_STDIN, SHELL_STDIN, ShellPacketDecoder, encodeShellPacket } from './shell-v2-framing.ts';

describe('shell v2 framing', () => {
  it('round-trips packets split across WRTE payloads', () => {
    const bytes = Buffer.concat([encodeShellPacket(SHELL_STDIN, 'hello'), encodeShellPacket(SHELL_CLOSE_STDIN, Buffer.alloc(0))]);
    expect(bytes.subarray(0, 5)).toEqual(Buffer.from([0, 5, 0, 0, 0]));
    const decoder = new ShellPacketDecoder();
    const packets = [...decoder.push(bytes.subarray(0, 3)), ...decoder.push(bytes.subarray(3, 8)), ...decoder.push(bytes.subarray(8))];
    expect(packets.map((packet) => [packet.id, packet.data.toString()])).toEqual([[0, 'hello'], [4, '']]);
  });
});
