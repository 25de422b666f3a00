import { describe, expect, it } from 'vitest';
import { parseTrackDevicesReports } from './track-device.ts';

describe('parseTrackDevicesReports', () => {
  it('splits length-prefixed reports, keeping a partial one for the next chunk', () => {
    const first = 'emulator-5554\tdevice\n';
    const second = 'emulator-5554\toffline\n';
    const text = `${first.length.toString(16).padStart(4, '0')}${first}${second.length.toString(16).padStart(4, '0')}${second}0000`;
    const { reports, rest } = parseTrackDevicesReports(`${text}0016emulator-5`);
    expect(reports.map((r) => r.get('emulator-5554') ?? 'absent')).toEqual(['device', 'offline', 'absent']);
    expect(rest).toBe('0016emulator-5');
  });
});
