import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { projectPath } from '../project-root.ts';

/** The UiAutomator2 driver installed with the project (`npm ci`), never downloaded. */
const DRIVER_PACKAGE = 'appium-uiautomator2-driver';
const PROJECT_NODE_MODULES = `${projectPath('node_modules')}/`;

export interface AppiumHome {
  /** Absolute path to pass as APPIUM_HOME. */
  dir: string;
  /** Removes the folder (the linked driver is left alone). */
  remove(): Promise<void>;
}

/**
 * A fresh APPIUM_HOME for one Appium server: `node_modules/appium-uiautomator2-driver` links to the
 * project's installed driver, and nothing else is there. Appium 3 keeps its extension manifest in
 * `<APPIUM_HOME>/node_modules/.cache/appium/extensions.yaml` with each driver's absolute install
 * path, and rescans only when the home's package.json hash changes; with the project itself as home,
 * a checkout that was moved or copied with a linked node_modules kept a manifest naming a folder
 * that no longer exists, and every session failed with "Could not read the driver manifest". In a
 * home of its own, Appium finds no manifest, scans this one link, and writes a manifest that is
 * right for as long as the server runs; no other checkout's manifest is read or written.
 * See appium `lib/extension/manifest.ts` (`read`, `syncWithInstalledExtensions`).
 */
export async function createAppiumHome(): Promise<AppiumHome> {
  let driver: string;
  try {
    // The real folder: the link stays valid whatever links lead to the project's node_modules.
    driver = await realpath(join(PROJECT_NODE_MODULES, DRIVER_PACKAGE));
  } catch (error) {
    throw new HarnessError('SETUP_MISSING', `the Appium driver ${DRIVER_PACKAGE} is not installed in ${PROJECT_NODE_MODULES}`, {
      cause: error,
      hint: 'run `npm ci` in the stalkerbench checkout (the driver is a dependency in package.json)',
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'stalkerbench-appium-home-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    await mkdir(join(dir, 'node_modules'));
    await symlink(driver, join(dir, 'node_modules', DRIVER_PACKAGE), 'dir');
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}
