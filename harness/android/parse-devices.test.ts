import { describe, expect, it } from 'vitest';
import { parseDevices } from './parse-devices.ts';

describe('parseDevices', () => {
  it('reads `adb devices -l` with emulators, connected and offline devices', () => {
    const output = [
      '* daemon not running; starting now at tcp:5037',
      '* daemon started successfully',
      'List of devices attached',
      'emulator-5554          device product:sdk_gphone64_x86_64 model:sdk_gphone64_x86_64 device:emu64x transport_id:1',
      '127.0.0.1:6555         offline transport_id:2',
      'R58M123ABC             unauthorized usb:1-1 transport_id:3',
      '0123456789ABCDEF       no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html]',
      '',
    ].join('\n');
    const devices = parseDevices(output);
    expect(devices.map((d) => [d.serial, d.state, d.isEmulator])).toEqual([
      ['emulator-5554', 'device', true],
      ['127.0.0.1:6555', 'offline', false],
      ['R58M123ABC', 'unauthorized', false],
      ['0123456789ABCDEF', 'no permissions (user in plugdev group; are your udev rules wrong?)', false],
    ]);
    expect(devices[0]?.properties).toMatchObject({ model: 'sdk_gphone64_x86_64', device: 'emu64x', transport_id: '1' });
  });

  it('returns nothing for an empty list', () => {
    expect(parseDevices('List of devices attached\n\n')).toEqual([]);
  });
});
