/** `input`, `screencap`, `uiautomator dump`, `wm`: the commands that act on or read the screen. */
import { formatActiveWindowDump, formatWindowsDump } from '../../ui/index.ts';
import { resolvePath, type CommandContext } from '../command.ts';

const KEYCODES: Readonly<Record<string, number>> = {
  KEYCODE_HOME: 3, KEYCODE_BACK: 4, KEYCODE_CALL: 5, KEYCODE_ENDCALL: 6, KEYCODE_DPAD_UP: 19, KEYCODE_DPAD_DOWN: 20,
  KEYCODE_DPAD_LEFT: 21, KEYCODE_DPAD_RIGHT: 22, KEYCODE_DPAD_CENTER: 23, KEYCODE_VOLUME_UP: 24,
  KEYCODE_VOLUME_DOWN: 25, KEYCODE_POWER: 26, KEYCODE_CAMERA: 27, KEYCODE_TAB: 61, KEYCODE_SPACE: 62,
  KEYCODE_ENTER: 66, KEYCODE_DEL: 67, KEYCODE_MENU: 82, KEYCODE_SEARCH: 84, KEYCODE_ESCAPE: 111,
  KEYCODE_APP_SWITCH: 187, KEYCODE_WAKEUP: 224, KEYCODE_SLEEP: 223,
};
const SOURCES = new Set(['touchscreen', 'touchpad', 'keyboard', 'mouse', 'dpad', 'gamepad', 'stylus', 'trackball', 'joystick', 'touchnavigation', 'rotaryencoder']);

export function runInput(context: CommandContext): number {
  const args = context.args.filter((arg, index) => !(index === 0 && SOURCES.has(arg)));
  const [verb, ...rest] = args;
  const ui = context.device.ui;
  const numbers = rest.map((arg) => Number.parseFloat(arg));
  switch (verb) {
    case 'tap':
      if (numbers.length < 2 || numbers.some(Number.isNaN)) return usage(context);
      ui.tap(numbers[0] ?? 0, numbers[1] ?? 0);
      return 0;
    case 'swipe': case 'draganddrop':
      if (numbers.length < 4 || numbers.slice(0, 4).some(Number.isNaN)) return usage(context);
    {
      // `input swipe` (InputShellCommand) moves at a constant speed and lifts at once: the list flings;
      // `draganddrop` holds the pointer before lifting, so it does not.
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0, given = Number.NaN] = numbers;
      const durationMs = Number.isNaN(given) ? 300 : given;
      const velocity = verb === 'swipe' ? (Math.hypot(x2 - x1, y2 - y1) / Math.max(1, durationMs)) * 1000 : 0;
      ui.swipe(x1, y1, x2, y2, durationMs, velocity);
    }
      return 0;
    case 'text':
      // `input text` turns %s into spaces (spaces cannot cross adb unquoted).
      ui.inputText(rest.join(' ').replaceAll('%s', ' '));
      return 0;
    case 'keyevent': case 'key': {
      const codes = rest.filter((arg) => !arg.startsWith('--'));
      for (const code of codes) {
        const value = /^\d+$/.test(code) ? Number(code) : KEYCODES[code.startsWith('KEYCODE_') ? code : `KEYCODE_${code}`];
        if (value === undefined) {
          context.stderr(`Error: Unknown keycode: ${code}\n`);
          return 1;
        }
        ui.pressKey(value);
      }
      return 0;
    }
    default:
      return usage(context);
  }
}

function usage(context: CommandContext): number {
  context.stderr('Usage: input [<source>] <command> [<arg>...]\n\nThe commands and default sources are:\n      text <string> (Default: touchscreen)\n      keyevent [--longpress] <key code number or name> ... (Default: keyboard)\n      tap <x> <y> (Default: touchscreen)\n      swipe <x1> <y1> <x2> <y2> [duration(ms)] (Default: touchscreen)\n');
  return 1;
}

/** `screencap [-p] [file]`: PNG bytes of the current screen, to stdout or a file. */
export function runScreencap(context: CommandContext): number {
  const file = context.args.find((arg) => !arg.startsWith('-'));
  const png = context.device.ui.screenshotPng();
  if (file === undefined) {
    context.stdout(png);
    return 0;
  }
  const path = resolvePath(context, file);
  if (!context.device.fs.isDirectory(path.slice(0, path.lastIndexOf('/')) || '/')) {
    context.stderr(`Error opening file: ${file} (No such file or directory)\n`);
    return 1;
  }
  context.device.fs.write(path, png, 0o660);
  return 0;
}

/** `uiautomator dump [--compressed] [--windows] [file]` — prints Android's own misspelling "hierchary". */
export function runUiautomator(context: CommandContext): number {
  const [verb, ...rest] = context.args;
  if (verb !== 'dump') {
    context.stderr('Usage: uiautomator <subcommand> [options]\n\nAvailable subcommands:\n\nhelp: displays help message\n\nruntest: executes UI automation tests\n\ndump: creates an XML dump of current UI hierarchy\n\nevents: prints out accessibility events until terminated\n');
    return verb === undefined || verb === 'help' ? 0 : 1;
  }
  const file = rest.find((arg) => !arg.startsWith('-')) ?? '/sdcard/window_dump.xml';
  // DumpCommand.run: the active window only (getRootInActiveWindow); `--windows` every window.
  const windows = context.device.ui.windows();
  const xml = rest.includes('--windows') ? formatWindowsDump(windows) : formatActiveWindowDump(windows);
  if (xml === undefined) {
    context.stderr('ERROR: null root node returned by UiTestAutomationBridge.\n');
    return 0;
  }
  const path = resolvePath(context, file);
  if (file === '/dev/tty' || file === '/dev/stdout') {
    context.stdout(xml);
  } else {
    context.device.fs.write(path, Buffer.from(xml), 0o660);
  }
  context.stdout(`UI hierchary dumped to: ${file}\n`);
  return 0;
}

/** `wm size|density|dismiss-keyguard` (WindowManagerShellCommand). */
export function runWm(context: CommandContext): number {
  const [verb] = context.args;
  const { screenWidth, screenHeight, density } = context.device.profile;
  switch (verb) {
    case 'size': context.stdout(`Physical size: ${screenWidth}x${screenHeight}\n`); return 0;
    case 'density': context.stdout(`Physical density: ${density}\n`); return 0;
    case 'dismiss-keyguard': case 'user-rotation': case 'set-fix-to-user-rotation': return 0;
    default:
      context.stderr(`Unknown command: ${verb ?? ''}\n`);
      return 255;
  }
}
