import type { VirtualDevice } from '../../device/contracts.ts';
import type { AdbStream } from '../adb-stream.ts';
import { ByteReader } from '../byte-reader.ts';
import { formatInstallResult, parseInstallArgs } from './install-args.ts';

/**
 * A streamed install (`abb_exec:package\0install\0…-S\0<size>` or `exec:cmd package 'install' … -S <size>`):
 * the APK's bytes follow on the stream; the reply is `Success\n` or `Failure [CODE: msg]\n`.
 */
export async function serveStreamedInstall(stream: AdbStream, device: VirtualDevice, args: readonly string[]): Promise<void> {
  const parsed = parseInstallArgs(args);
  const reader = new ByteReader(stream);
  let apk: Buffer | undefined;
  if (parsed.size === undefined) {
    // No -S: read until the host closes its side; the reply is then lost, as on a real device.
    const chunks: Buffer[] = [];
    for (let chunk = await reader.readSome(); chunk; chunk = await reader.readSome()) chunks.push(chunk);
    apk = Buffer.concat(chunks);
  } else {
    apk = await reader.readExactly(parsed.size);
  }
  if (!apk) {
    await stream.write(formatInstallResult({ ok: false, code: 'INSTALL_FAILED_INVALID_APK', message: 'the APK data ended early' }));
    return;
  }
  const result = await device.installApk(Buffer.from(apk), parsed.options).catch((error: unknown) => ({
    ok: false as const,
    code: 'INSTALL_FAILED_INTERNAL_ERROR',
    message: error instanceof Error ? error.message : String(error),
  }));
  await stream.write(formatInstallResult(result));
}
