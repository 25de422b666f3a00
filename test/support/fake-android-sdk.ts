import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A fake Android SDK folder whose `sdkmanager`, `avdmanager`, `emulator` and `adb` are small shell
 * scripts that behave like the real ones where the lab set-up depends on it, with no network: every
 * call and every answer to a prompt is appended to `log`. sdkmanager asks `Accept? (y/N):` for its
 * licence and skips a package when the answer is not "y" (as the real one does); `--install` of
 * platform-tools or the emulator writes their scripts; avdmanager refuses an image that is not
 * installed and writes `NAME.ini` and `NAME.avd/config.ini` under $ANDROID_AVD_HOME; `emulator
 * -accel-check` answers with the status in `emulator/accel-status` (0 = usable).
 */
export interface FakeAndroidSdk {
  root: string;
  log: string;
  /** The lines the tools logged so far. */
  calls(): Promise<string[]>;
  /** Sets what `emulator -accel-check` reports: 0 usable, otherwise not. */
  setAccelStatus(status: number): Promise<void>;
}

export type FakeSdkTool = 'cmdline-tools' | 'platform-tools' | 'emulator';

const LICENCE_PROMPT = [
  'printf "%s\\n" "---------------------------------------" "Terms and Conditions" "This is the Android SDK License Agreement" >&2',
  'printf "Accept? (y/N): "',
  'IFS= read -r answer || answer=EOF',
  'echo "answer $answer" >> "$LOG"',
].join('\n');

function sdkmanagerScript(log: string): string {
  return `#!/bin/sh
LOG=${quote(log)}
SDK=$(cd "$(dirname "$0")/../../.." && pwd)
echo "sdkmanager $*" >> "$LOG"
accepted() { [ -f "$SDK/licenses/android-sdk-license" ]; }
if [ "$1" = "--licenses" ]; then
  printf "3 of 3 SDK package licenses not accepted.\\nReview licenses that have not been accepted (y/N)? "
  IFS= read -r answer || answer=EOF
  echo "answer $answer" >> "$LOG"
  [ "$answer" = "y" ] || exit 0
  for licence in android-sdk-license android-sdk-preview-license intel-android-extra-license; do
${LICENCE_PROMPT.split('\n').map((line) => `    ${line}`).join('\n')}
    if [ "$answer" = "y" ]; then mkdir -p "$SDK/licenses"; echo accepted > "$SDK/licenses/$licence"; fi
  done
  accepted && echo "All SDK package licenses accepted."
  exit 0
fi
[ "$1" = "--install" ] || { echo "Error: unknown argument $1" >&2; exit 1; }
shift
if ! accepted; then
${LICENCE_PROMPT.split('\n').map((line) => `  ${line}`).join('\n')}
  if [ "$answer" != "y" ]; then echo "Skipping following packages as the license is not accepted: $*"; exit 0; fi
  mkdir -p "$SDK/licenses"; echo accepted > "$SDK/licenses/android-sdk-license"
fi
for package in "$@"; do
  dir="$SDK/$(echo "$package" | tr ';' '/')"
  mkdir -p "$dir"
  case "$package" in
    platform-tools) cp "$SDK/.fake/adb" "$dir/adb" ;;
    emulator) cp "$SDK/.fake/emulator" "$dir/emulator" ;;
  esac
  echo "Installed $package"
done
`;
}

function avdmanagerScript(log: string): string {
  return `#!/bin/sh
LOG=${quote(log)}
SDK=$(cd "$(dirname "$0")/../../.." && pwd)
echo "avdmanager $* ANDROID_AVD_HOME=$ANDROID_AVD_HOME" >> "$LOG"
[ "$1 $2" = "create avd" ] || { echo "Error: unknown command" >&2; exit 1; }
shift 2
while [ $# -gt 0 ]; do
  case "$1" in
    --name) name=$2; shift 2 ;;
    --package) package=$2; shift 2 ;;
    --device) shift 2 ;;
    *) shift ;;
  esac
done
if [ ! -d "$SDK/$(echo "$package" | tr ';' '/')" ]; then
  echo "Error: Package path is not valid. Valid system image paths are:" >&2
  exit 1
fi
printf "Do you wish to create a custom hardware profile? [no] "
IFS= read -r answer || answer=EOF
echo "answer $answer" >> "$LOG"
avd="\${ANDROID_AVD_HOME:?ANDROID_AVD_HOME is not set}"
mkdir -p "$avd/$name.avd"
printf "avd.ini.encoding=UTF-8\\npath=%s\\ntarget=android-33\\n" "$avd/$name.avd" > "$avd/$name.ini"
printf "AvdId=%s\\nhw.lcd.width=1440\\nhw.lcd.height=3120\\nhw.lcd.density=560\\nimage.sysdir.1=%s/\\n" "$name" "$(echo "$package" | tr ';' '/')" > "$avd/$name.avd/config.ini"
`;
}

function emulatorScript(log: string): string {
  return `#!/bin/sh
LOG=${quote(log)}
echo "emulator $*" >> "$LOG"
if [ "$1" = "-accel-check" ]; then
  status=$(cat "$(dirname "$0")/accel-status" 2>/dev/null || echo 0)
  echo "accel:"
  echo "$status"
  if [ "$status" = "0" ]; then echo "KVM (version 12) is installed and usable."; else echo "/dev/kvm is not found: VT disabled in BIOS or KVM kernel module not loaded"; fi
  echo "accel"
  exit "$status"
fi
exit 1
`;
}

function adbScript(log: string): string {
  return `#!/bin/sh
LOG=${quote(log)}
echo "adb $*" >> "$LOG"
case " $* " in
  *" devices "*) printf "List of devices attached\\n\\n" ;;
esac
`;
}

/** Writes a fake SDK in `root` with the given parts already installed. */
export async function writeFakeAndroidSdk(root: string, installed: readonly FakeSdkTool[]): Promise<FakeAndroidSdk> {
  const log = join(root, '.fake', 'calls.log');
  const write = async (path: string, text: string): Promise<void> => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    await chmod(path, 0o755);
  };
  await write(join(root, '.fake', 'adb'), adbScript(log));
  await write(join(root, '.fake', 'emulator'), emulatorScript(log));
  await writeFile(log, '');
  if (installed.includes('cmdline-tools')) {
    await write(join(root, 'cmdline-tools', 'latest', 'bin', 'sdkmanager'), sdkmanagerScript(log));
    await write(join(root, 'cmdline-tools', 'latest', 'bin', 'avdmanager'), avdmanagerScript(log));
  }
  if (installed.includes('platform-tools')) await write(join(root, 'platform-tools', 'adb'), adbScript(log));
  if (installed.includes('emulator')) await write(join(root, 'emulator', 'emulator'), emulatorScript(log));
  return {
    root,
    log,
    calls: async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line !== ''),
    setAccelStatus: async (status) => {
      await mkdir(join(root, 'emulator'), { recursive: true });
      await writeFile(join(root, 'emulator', 'accel-status'), `${status}\n`);
    },
  };
}

/** The command-line tools' scripts, as the files a `commandlinetools-linux-*.zip` holds under `cmdline-tools/bin/`. */
export function fakeCmdlineToolsScripts(log: string): { sdkmanager: string; avdmanager: string } {
  return { sdkmanager: sdkmanagerScript(log), avdmanager: avdmanagerScript(log) };
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
