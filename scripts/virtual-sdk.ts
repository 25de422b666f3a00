/**
 * `npm run --silent virtual-sdk`: creates or refreshes `.virtual-sdk/` (an Android SDK folder whose
 * emulator is the project's virtual one and whose adb is the system's) and prints the two variables
 * to use it, ready for `eval "$(npm run --silent virtual-sdk)"; export ANDROID_HOME ANDROID_AVD_HOME`.
 * Nothing else goes to stdout.
 */
import { formatError } from '../harness/errors/index.ts';
import { writeVirtualSdk } from '../simulator/sdk/index.ts';

try {
  const sdk = await writeVirtualSdk();
  process.stdout.write(`ANDROID_HOME=${quote(sdk.androidHome)}\nANDROID_AVD_HOME=${quote(sdk.avdHome)}\n`);
} catch (error) {
  process.stderr.write(`${formatError(error)}\n`);
  process.exitCode = 1;
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
