import type { InstallOptions } from '../../device/contracts.ts';

/** What `pm install` / `cmd package install` arguments ask for. */
export interface ParsedInstallArgs {
  options: InstallOptions;
  /** -S <size>: the APK arrives on stdin with exactly this many bytes. */
  size: number | undefined;
  /** APK paths on the device (the push + `pm install` path). */
  paths: string[];
}

/** Flags that take a value; their values are skipped (the model has one user and no installers). */
const FLAGS_WITH_VALUE = new Set([
  '--user', '-i', '--installer', '--install-reason', '-p', '--pkg', '--abi', '--originating-uri', '--referrer',
  '--install-location', '--force-uuid', '--rollback-reason', '--staged-ready-timeout', '--update-ownership',
]);

/**
 * Parses install arguments as Android's PackageManagerShellCommand does. Unknown flags (`-f`, `-l`,
 * `--dont-kill`, `--instant`, `--full`, `--apex`, `--staged`, `--enable-rollback`, …) are accepted
 * and ignored, so newer adb versions keep working.
 */
export function parseInstallArgs(args: readonly string[]): ParsedInstallArgs {
  const options: InstallOptions = { replace: false, grantRuntimePermissions: false, allowDowngrade: false, allowTest: false };
  let size: number | undefined;
  const paths: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    switch (arg) {
      case '-r':
        options.replace = true;
        break;
      case '-g':
        options.grantRuntimePermissions = true;
        break;
      case '-d':
        options.allowDowngrade = true;
        break;
      case '-t':
        options.allowTest = true;
        break;
      case '-S': {
        const value = Number(args[index + 1]);
        size = Number.isInteger(value) && value >= 0 ? value : undefined;
        index += 1;
        break;
      }
      default:
        if (FLAGS_WITH_VALUE.has(arg)) index += 1;
        else if (!arg.startsWith('-') && arg !== '') paths.push(arg);
    }
  }
  return { options, size, paths };
}

/** Android's reply to an install: `Success` or `Failure [CODE: message]`, with a newline. */
export function formatInstallResult(result: { ok: true } | { ok: false; code: string; message: string }): string {
  if (result.ok) return 'Success\n';
  return result.message ? `Failure [${result.code}: ${result.message}]\n` : `Failure [${result.code}]\n`;
}

/**
 * Splits a command line the way the device's sh would for the simple words adb sends
 * (`cmd package 'install' -S 123`): whitespace separates, single and double quotes group.
 */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] ?? '';
    if (char === "'") {
      const end = line.indexOf("'", index + 1);
      current += line.slice(index + 1, end < 0 ? undefined : end);
      index = end < 0 ? line.length : end;
      inWord = true;
    } else if (char === '"') {
      let end = index + 1;
      while (end < line.length && line[end] !== '"') {
        if (line[end] === '\\' && end + 1 < line.length) end += 1;
        end += 1;
      }
      current += line.slice(index + 1, end).replace(/\\(["\\$`])/g, '$1');
      index = end;
      inWord = true;
    } else if (char === '\\' && index + 1 < line.length) {
      current += line[index + 1];
      index += 1;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Quotes words for the device shell, as adb does for `exec:`/`abb:` fallbacks. */
export function quoteWords(words: readonly string[]): string {
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}
