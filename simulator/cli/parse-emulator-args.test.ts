import { describe, expect, it } from 'vitest';
import { parseEmulatorArgs } from './parse-emulator-args.ts';

describe('parseEmulatorArgs', () => {
  it('reads the flags the harness and real users pass', () => {
    const { args, warnings, errors } = parseEmulatorArgs([
      '-avd', 'pixel', '-port', '5600', '-no-window', '-no-audio', '-no-boot-anim', '-gpu', 'swiftshader_indirect',
      '-accel', 'off', '-memory', '2048', '-netdelay', 'none', '-netspeed', 'full', '-read-only', '-snapshot', 'clean',
      '-no-snapshot-save',
    ]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(args).toMatchObject({
      avd: 'pixel', port: 5600, noWindow: true, readOnly: true, snapshot: 'clean', noSnapshotSave: true, noSnapshotLoad: false,
    });
    expect(args.ignored).toEqual(['-no-audio', '-no-boot-anim', '-gpu', 'swiftshader_indirect', '-accel', 'off', '-memory', '2048', '-netdelay', 'none', '-netspeed', 'full']);
  });

  it('defaults to port 5554 and accepts @NAME and --flags', () => {
    const { args } = parseEmulatorArgs(['@pixel', '--wipe-data']);
    expect(args).toMatchObject({ avd: 'pixel', port: 5554, wipeData: true });
  });

  it('warns about unknown options and goes on', () => {
    const { args, warnings, errors } = parseEmulatorArgs(['-avd', 'x', '-frobnicate', '-list-avds']);
    expect(warnings).toEqual(['WARNING | unknown option: -frobnicate']);
    expect(errors).toEqual([]);
    expect(args.listAvds).toBe(true);
  });

  it('rejects odd or malformed ports and missing values', () => {
    expect(parseEmulatorArgs(['-port', '5555']).errors).toEqual([expect.stringMatching(/must be an even number/)]);
    expect(parseEmulatorArgs(['-port', 'abc']).errors).toEqual([expect.stringMatching(/bad port number 'abc'/)]);
    expect(parseEmulatorArgs(['-avd']).errors).toEqual(['option -avd needs an argument']);
  });

  it('handles -ports, -no-snapshot, -debug with and without tags, -adb-connect-port and -qemu', () => {
    const { args, errors } = parseEmulatorArgs(['-ports', '6001,6000', '-no-snapshot', '-debug', 'init,adb', '-adb-connect-port', '7001', '-qemu', '-m', '2048']);
    expect(errors).toEqual([]);
    expect(args).toMatchObject({ port: 6001, adbPort: 6000, noSnapshotLoad: true, noSnapshotSave: true, verbose: true, adbConnectPort: 7001 });
    expect(args.ignored).toEqual(['-qemu', '-m', '2048']);
    expect(parseEmulatorArgs(['-debug', '-avd', 'x']).args.avd).toBe('x');
  });
});
