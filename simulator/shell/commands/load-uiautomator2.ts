/**
 * Loads simulator/uiautomator2's `startUiAutomator2Server` on first use. The module is imported
 * lazily so the HTTP server code is only loaded by devices that run the instrumentation.
 */
import type { InstrumentationOptions, VirtualDevice } from '../../device/contracts.ts';

export type StartUiAutomator2Server = (
  device: VirtualDevice,
  options: InstrumentationOptions,
) => { stopped: Promise<void>; stop(): Promise<void> };

let loaded: Promise<StartUiAutomator2Server | undefined> | undefined;

export function loadUiAutomator2Server(): Promise<StartUiAutomator2Server | undefined> {
  loaded ??= importServer();
  return loaded;
}

async function importServer(): Promise<StartUiAutomator2Server | undefined> {
  const specifier = new URL('../../uiautomator2/index.ts', import.meta.url).href;
  try {
    const module: unknown = await import(specifier);
    const start = (module as { startUiAutomator2Server?: unknown }).startUiAutomator2Server;
    return typeof start === 'function' ? (start as StartUiAutomator2Server) : undefined;
  } catch {
    loaded = undefined;
    return undefined;
  }
}
