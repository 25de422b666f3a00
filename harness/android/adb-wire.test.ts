import { describe, expect, it } from 'vitest';
import { ShellPacketDecoder, encodeShellPacket, encodeSmartSocketRequest, parseFeatures, parseHexLength, shellV2Service, SHELL_ID } from './adb-wire.ts';
import { planServerCall } from './adb-server-calls.ts';

describe('smart-socket framing', () => {
  it('prefixes a request with its byte length in 4 lowercase hex digits', () => {
    expect(encodeSmartSocketRequest('host:devices-l').toString('latin1')).toBe('000ehost:devices-l');
    expect(encodeSmartSocketRequest('shell,v2,raw:echo é').subarray(0, 4).toString('latin1')).toBe('0014');
    expect(() => encodeSmartSocketRequest('')).toThrow(RangeError);
  });

  it('reads a length prefix, refusing anything but hex', () => {
    expect(parseHexLength(Buffer.from('001a'))).toBe(26);
    expect(parseHexLength(Buffer.from('00FF'))).toBe(255);
    expect(parseHexLength(Buffer.from('OKAY'))).toBeUndefined();
  });
});

describe('shell protocol v2 packets', () => {
  it('encodes id, little-endian length and data', () => {
    expect([...encodeShellPacket(SHELL_ID.closeStdin)]).toEqual([4, 0, 0, 0, 0]);
    expect([...encodeShellPacket(SHELL_ID.stdout, Buffer.from('hi'))]).toEqual([1, 2, 0, 0, 0, 0x68, 0x69]);
  });

  it('decodes packets split anywhere across chunks', () => {
    const stream = Buffer.concat([
      encodeShellPacket(SHELL_ID.stdout, Buffer.alloc(300, 7)),
      encodeShellPacket(SHELL_ID.stderr, Buffer.from('err')),
      encodeShellPacket(SHELL_ID.exit, Buffer.from([3])),
    ]);
    for (const size of [1, 2, 5, 64, stream.length]) {
      const decoder = new ShellPacketDecoder();
      const packets = [];
      for (let at = 0; at < stream.length; at += size) packets.push(...decoder.push(stream.subarray(at, at + size)));
      expect(packets.map((packet) => [packet.id, packet.data.length])).toEqual([[1, 300], [2, 3], [3, 1]]);
      expect(packets[2]?.data[0]).toBe(3);
      expect(decoder.pending).toBe(0);
    }
  });

  it('holds an incomplete packet', () => {
    const decoder = new ShellPacketDecoder();
    expect(decoder.push(Buffer.from([1, 10, 0, 0, 0, 1, 2]))).toEqual([]);
    expect(decoder.pending).toBe(7);
  });
});

describe('service strings', () => {
  it('joins `adb shell` arguments with single spaces, unescaped, TERM first when set', () => {
    expect(shellV2Service(['echo', 'a  b', "'c'"], undefined)).toBe("shell,v2,raw:echo a  b 'c'");
    expect(shellV2Service(['getprop'], 'xterm')).toBe('shell,v2,TERM=xterm,raw:getprop');
  });

  it('parses the feature list', () => {
    expect([...parseFeatures('shell_v2,cmd,stat_v2')]).toEqual(['shell_v2', 'cmd', 'stat_v2']);
    expect(parseFeatures('').size).toBe(0);
  });
});

describe('planServerCall', () => {
  it('takes plain shell commands, devices and get-state', () => {
    expect(planServerCall('emulator-5554', ['shell', 'echo', 'x'], false)).toEqual({ kind: 'shell', serial: 'emulator-5554', command: ['echo', 'x'] });
    expect(planServerCall(undefined, ['devices'], false)).toEqual({ kind: 'devices', service: 'host:devices' });
    expect(planServerCall('s', ['devices', '-l'], false)).toEqual({ kind: 'devices', service: 'host:devices-l' });
    expect(planServerCall('s', ['get-state'], false)).toEqual({ kind: 'get-state', service: 'host-serial:s:get-state' });
    expect(planServerCall(undefined, ['get-state'], false)).toEqual({ kind: 'get-state', service: 'host:get-state' });
  });

  it('leaves stdin, shell options, interactive shells, serial-less shells and other commands to the binary', () => {
    expect(planServerCall('s', ['shell', 'cat'], true)).toBeUndefined();
    for (const option of ['-t', '-T', '-x', '-n', '-e', '--']) expect(planServerCall('s', ['shell', option, 'ls'], false)).toBeUndefined();
    expect(planServerCall('s', ['shell'], false)).toBeUndefined();
    expect(planServerCall(undefined, ['shell', 'ls'], false)).toBeUndefined();
    expect(planServerCall('s', ['shell', 'x'.repeat(40_000)], false)).toBeUndefined();
    expect(planServerCall('s', ['devices', '-x'], false)).toBeUndefined();
    for (const command of ['install', 'push', 'logcat', 'exec-out', 'emu', 'kill-server', 'start-server']) {
      expect(planServerCall('s', [command, 'a'], false)).toBeUndefined();
    }
  });
});
