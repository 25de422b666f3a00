import { remote, type Browser } from 'webdriverio';
import { buildCapabilities, instrumentSession, type SessionTarget } from '../appium/index.ts';
import { HarnessError } from '../errors/index.ts';

/** Opens one WebdriverIO session for a case; failures are infrastructure errors. */
export async function openSession(appiumUrl: string, target: SessionTarget, signal: AbortSignal): Promise<Browser> {
  signal.throwIfAborted();
  const url = new URL(appiumUrl);
  const started = performance.now();
  let driver: Browser;
  try {
    driver = await remote({
      protocol: url.protocol.replace(':', '') as 'http' | 'https',
      hostname: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      path: url.pathname === '' ? '/' : url.pathname,
      capabilities: buildCapabilities(target),
      logLevel: 'silent',
      connectionRetryCount: 1,
      connectionRetryTimeout: 240_000,
    });
  } catch (error) {
    throw new HarnessError('APPIUM_SESSION_FAILED', `could not open an Appium session on ${target.udid} via ${appiumUrl}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {
      cause: error,
      hint: 'see the Appium log (appium.log, or its compressed parts in appium-logs/, linked from the case page); the case is retried on a fresh device',
    });
  }
  instrumentSession(driver, target.udid, performance.now() - started);
  return driver;
}

/** Ends a session without letting a dead session hide the case's real outcome. */
export async function closeSession(driver: Browser | undefined): Promise<void> {
  if (!driver) return;
  await driver.deleteSession().catch(() => undefined);
}
