import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'webdriverio';
import { attachDevice, authoringAndroidEnv, chooseDevice } from '../authoring/attach-device.ts';
import { formatUiTree, inspectScreen } from '../authoring/format-ui-tree.ts';
import { renderInspectPage } from '../authoring/inspect-ui-html.ts';
import { parseUiScreen } from '../authoring/page-tree.ts';
import { displayPathOf } from '../config/index.ts';
import { EXIT, HarnessError } from '../errors/index.ts';
import type { CliIo, Command } from './command.ts';
import { COMMAND_SUMMARIES } from './command-summaries.ts';

const HELP = `usage: stalkerbench inspect-ui [--device <serial> | --avd <name>] [--html <file>]

Reads the screen a running device shows now and prints it as an indented tree: each element's
class, text, content description, resource id, bounds and flags (clickable, scrollable, …), each
followed by the flow selector that finds it and nothing else (its id when unique, else its text,
else its description, else an XPath), checked against the same page source. Every window is read
(status bar, dialogs, overlays); the active one, which flow steps search, is marked with *. The
role Appium Inspector and Maestro Studio play, for writing a product profile.

The device comes from the adb server of ANDROID_ADB_SERVER_PORT (default 5037); the tool starts an
Appium server of its own (in the port block of STALKERBENCH_PORT_BASE, like a round) and changes
nothing on the device but installing Appium's UiAutomator2 server when it is missing.

options:
  --device <serial>  the device (\`adb devices\`); default: the only one attached
  --avd <name>       the running emulator of this AVD
  --html <file>      also write an offline page: the screenshot with each element's box and the tree
  -h, --help         this text

exit codes: 0 read, 2 bad input (no such device, several devices and none chosen, bad option),
3 adb or Appium failed (Appium's log is kept and named)
`;

interface InspectUiOptions {
  serial: string | undefined;
  avd: string | undefined;
  html: string | undefined;
}

function parseInspectUiArgs(argv: string[]): InspectUiOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { device: { type: 'string' }, avd: { type: 'string' }, html: { type: 'string' } } });
  } catch (error) {
    throw new HarnessError('USAGE', `inspect-ui: ${error instanceof Error ? error.message : String(error)}`, { hint: 'run `stalkerbench inspect-ui --help`', cause: error });
  }
  const { device, avd, html } = parsed.values;
  if (device !== undefined && avd !== undefined) throw new HarnessError('USAGE', 'inspect-ui: give --device or --avd, not both', { hint: 'run `stalkerbench inspect-ui --help`' });
  return { serial: device, avd, html };
}

/** Page source of the active window only, then of every window (the session setting is put back). */
async function readSources(driver: Browser): Promise<{ activeOnly: string; all: string }> {
  const activeOnly = await driver.getPageSource();
  await driver.updateSettings({ enableMultiWindows: true });
  try {
    return { activeOnly, all: await driver.getPageSource() };
  } finally {
    await driver.updateSettings({ enableMultiWindows: false });
  }
}

/** Writes the whole file or nothing (a temporary file beside it, renamed over it). */
async function writeWhole(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

async function runInspectUi(argv: string[], io: CliIo): Promise<number> {
  const options = parseInspectUiArgs(argv);
  const env = authoringAndroidEnv(io.env);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const device = await chooseDevice(env, { serial: options.serial, avd: options.avd }, controller.signal);
    const attached = await attachDevice(env, io.env, device, controller.signal);
    let failed = true;
    try {
      const takenAt = new Date();
      const sources = await readSources(attached.driver);
      const screenshot = options.html === undefined ? undefined : await attached.driver.takeScreenshot().catch(() => undefined);
      const inspected = inspectScreen(parseUiScreen(sources.all), parseUiScreen(sources.activeOnly));
      io.stdout(`screen of ${device.serial}${device.avd === undefined ? '' : ` (AVD ${device.avd})`}: ${formatUiTree(inspected)}`);
      if (options.html !== undefined) {
        const file = resolve(io.cwd, options.html);
        await writeWhole(file, renderInspectPage({ inspected, screenshot, device: device.serial, takenAt }));
        io.stdout(`wrote ${displayPathOf(file, io.cwd)}${screenshot === undefined ? ' (without a screenshot: the device did not give one)' : ''}\n`);
      }
      failed = false;
    } finally {
      await attached.close({ keepLog: failed });
      if (failed) io.stderr(`Appium's log is kept at ${attached.appiumLog}\n`);
    }
    return EXIT.ok;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

export const command: Command = {
  summary: COMMAND_SUMMARIES['inspect-ui'],
  help: HELP,
  run: runInspectUi,
};
