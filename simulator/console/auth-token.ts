import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `~/.emulator_console_auth_token`, as the real emulator names it. */
export function consoleTokenPath(home: string): string {
  return join(home, '.emulator_console_auth_token');
}

/**
 * The token a console client must send with `auth`, read at every connection because tools rewrite
 * the file while the emulator runs (appium-adb empties it). Empty file: no authentication. Missing
 * file: created with a random token, as the real emulator does at start.
 */
export function readConsoleToken(home: string): string {
  const path = consoleTokenPath(home);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    const token = randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
    try {
      writeFileSync(path, token, { mode: 0o600 });
    } catch {
      return '';
    }
    return token;
  }
}
