/**
 * The virtual emulator's executable (what `.virtual-sdk/emulator/emulator` runs): a drop-in for the
 * Android SDK's `emulator -avd NAME -port N …`. See simulator/README.md.
 */
import { runEmulator } from './run-emulator.ts';

const code = await runEmulator({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // Loaded only when a device boots, so -list-avds, -help and AVD errors answer at once.
  createDevice: async (options) => (await import('../device/index.ts')).createVirtualDevice(options),
  exit: (exitCode) => process.exit(exitCode),
  crash: () => process.kill(process.pid, 'SIGKILL'),
  onSignal: (listener) => {
    process.on('SIGINT', () => listener('SIGINT'));
    process.on('SIGTERM', () => listener('SIGTERM'));
  },
});
if (code !== undefined) process.exit(code);
