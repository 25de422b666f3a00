/**
 * `node bin/run-ts.js scripts/bench/appium.ts [--runs N] [--keep]`: how fast a WebDriver session on the
 * virtual emulator is, measured as a harness flow sees it — WebdriverIO → real Appium → real adb.
 *   session (default caps)      new session on a fresh device: the driver installs and starts its server
 *   session (shortening caps)   skipServerInstallation, skipDeviceInitialization, noReset…
 *   find / click / source / screenshot / mobile: shell   medians over N runs
 * Uses its own HOME, adb server and ports; `--keep` leaves HOME (Appium's log) in place and prints its path.
 */
import { remote } from 'webdriverio';
import { allocatePort, createSimEnvironment, startAppium } from '../../test/support/index.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20;
const keep = process.argv.includes('--keep');
const sim = await createSimEnvironment();
const emulator = await sim.boot({ flags: ['-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-read-only'] });
const appium = await startAppium({ port: await allocatePort(), home: sim.home, adbPort: sim.server.port, androidHome: sim.sdk.androidHome, avdHome: sim.sdk.avdHome });

async function openSession(extra: Record<string, unknown>): Promise<{ driver: WebdriverIO.Browser; ms: number }> {
  const started = performance.now();
  const driver = await remote({
    hostname: '127.0.0.1', port: appium.port, path: '/', logLevel: 'error', connectionRetryCount: 0,
    capabilities: {
      platformName: 'Android', 'appium:automationName': 'UiAutomator2', 'appium:udid': emulator.serial,
      'appium:systemPort': await allocatePort(), 'appium:adbPort': sim.server.port, ...extra,
    },
  });
  return { driver, ms: performance.now() - started };
}

/** Times `run` only; `prepare` and `cleanUp` run around it untimed. */
async function measure(name: string, run: () => Promise<unknown>, prepare?: () => Promise<void>, cleanUp?: () => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare?.();
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
    await cleanUp?.();
  }
  samples.sort((a, b) => a - b);
  const at = (p: number): number => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? Number.NaN;
  console.log(`${name}: median ${at(50).toFixed(1)} ms, p90 ${at(90).toFixed(1)} ms (${runs} runs)`);
}

try {
  const first = await openSession({});
  console.log(`session (default caps): ${first.ms.toFixed(0)} ms`);
  const deleteStarted = performance.now();
  await first.driver.deleteSession();
  console.log(`deleteSession: ${(performance.now() - deleteStarted).toFixed(0)} ms`);
  const second = await openSession({
    'appium:skipServerInstallation': true, 'appium:skipDeviceInitialization': true, 'appium:skipUnlock': true, 'appium:noReset': true,
  });
  console.log(`session (shortening caps): ${second.ms.toFixed(0)} ms`);
  const driver = second.driver;
  await measure('find (accessibility id)', () => driver.findElement('accessibility id', 'Settings'));
  await measure('find (xpath)', () => driver.findElement('xpath', '//android.widget.TextView[@text="Chrome"]'));
  let icon = '';
  await measure('click', () => driver.elementClick(icon), async () => {
    icon = (await driver.findElement('accessibility id', 'Settings'))['element-6066-11e4-a52e-4f735466cecf'];
  }, () => driver.back());
  await measure('source', () => driver.getPageSource());
  await measure('screenshot', () => driver.takeScreenshot());
  await measure('mobile: shell', () => driver.execute('mobile: shell', { command: 'echo', args: ['ok'] }));
  await driver.deleteSession();
} finally {
  await appium.stop();
  if (keep) {
    console.log(`kept ${sim.home.home} (Appium log: ${appium.logFile})`);
    await emulator.stop();
  } else {
    await sim.dispose();
  }
}
