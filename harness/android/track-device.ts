import { execa } from 'execa';
import type { AndroidEnv } from './android-env.ts';
import { trackDevicesViaServer } from './adb-server-client.ts';

/** One device's connection history while a case ran, as the adb server reported it. */
export interface DeviceConnectionWatch {
  /** States other than `device` the serial went through (`offline`, `absent`, …), in order. */
  readonly outages: readonly string[];
  stop(): void;
}

/**
 * Splits `adb track-devices` output: each report is a 4-hex-digit length and that many bytes of
 * `serial\tstate\n` lines (adb's host protocol, client/adb_client.cpp), printed as it arrives.
 */
export function parseTrackDevicesReports(buffer: string): { reports: Array<Map<string, string>>; rest: string } {
  const reports: Array<Map<string, string>> = [];
  let rest = buffer;
  while (rest.length >= 4) {
    const length = Number.parseInt(rest.slice(0, 4), 16);
    if (!Number.isInteger(length) || !/^[0-9a-fA-F]{4}$/.test(rest.slice(0, 4))) { rest = rest.slice(1); continue; }
    if (rest.length < 4 + length) break;
    const body = rest.slice(4, 4 + length);
    rest = rest.slice(4 + length);
    const states = new Map<string, string>();
    for (const line of body.split('\n')) {
      const [serial, state] = line.trim().split(/\s+/);
      if (serial && state) states.set(serial, state);
    }
    reports.push(states);
  }
  return { reports, rest };
}

/**
 * Watches one serial through `adb track-devices` (one long-lived adb client per case): any report in
 * which the serial is missing or not `device` is an outage. A case that fails after an outage failed
 * because of the device, not because of the product's UI, however the failure looked.
 */
export function watchDeviceConnection(env: AndroidEnv, serial: string, signal: AbortSignal): DeviceConnectionWatch {
  const outages: string[] = [];
  const controller = new AbortController();
  const stopSignal = AbortSignal.any([signal, controller.signal]);
  let pending = '';
  let seen = false;
  const onText = (chunk: string): void => {
    const parsed = parseTrackDevicesReports(pending + chunk);
    pending = parsed.rest;
    for (const report of parsed.reports) {
      const state = report.get(serial) ?? 'absent';
      // Before the first `device` report the serial may still be settling from its restore.
      if (state === 'device') seen = true;
      else if (seen && outages.at(-1) !== state) outages.push(state);
    }
  };
  // The same stream through the server's socket (no adb process for the case's length); the
  // binary when no server answers there.
  void trackDevicesViaServer(env, stopSignal, onText).then((followed) => {
    if (followed || stopSignal.aborted) return;
    const child = execa(env.adbPath, ['-P', String(env.adbServerPort), 'track-devices'], {
      env: env.childEnv, extendEnv: false, stdin: 'ignore', buffer: false, reject: false, cancelSignal: stopSignal,
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', onText);
    child.catch(() => undefined);
  }, () => undefined);
  return {
    outages,
    stop: () => { controller.abort(); },
  };
}
