import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { DEFAULT_ROUND_PORTS, resolveRoundPorts } from './round-environment.ts';

describe('resolveRoundPorts', () => {
  it('uses the default ports without STALKERBENCH_PORT_BASE', () => {
    expect(resolveRoundPorts({})).toEqual(DEFAULT_ROUND_PORTS);
    expect(resolveRoundPorts({ STALKERBENCH_PORT_BASE: '' })).toEqual(DEFAULT_ROUND_PORTS);
  });

  it('puts every port of a round in its own block above the base, emulators on an even port', () => {
    const ports = resolveRoundPorts({ STALKERBENCH_PORT_BASE: '31001' });
    expect(ports.emulators).toBe(31_002);
    const all = [ports.emulators, ports.adbServer, ports.appium, ports.prepareSystemPort, ports.caseSystemPorts];
    expect(new Set(all).size).toBe(all.length);
    for (const port of all) expect(port).toBeGreaterThanOrEqual(31_001);
    for (const port of all) expect(port).toBeLessThan(31_001 + 400);
    // Two rounds 400 apart never share a port.
    const next = resolveRoundPorts({ STALKERBENCH_PORT_BASE: '31401' });
    expect(Math.min(next.emulators, next.adbServer, next.appium, next.prepareSystemPort)).toBeGreaterThan(Math.max(...all));
  });

  it('refuses a base that is not a usable port (CONFIG_INVALID)', () => {
    for (const text of ['abc', '80', '70000', '3.5']) {
      expect(() => resolveRoundPorts({ STALKERBENCH_PORT_BASE: text }), text).toThrow(expect.toSatisfy((error) => isHarnessError(error, 'CONFIG_INVALID')));
    }
  });
});
