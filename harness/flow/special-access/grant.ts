/**
 * Grants one special access (`grantSpecialAccess`) through Settings or adb, then checks the device
 * state with adb whichever way it went: a switch that did not stick, a refused adb command, an app
 * Settings does not list, or Android 13's restricted settings (when the step may not lift them) end
 * the flow with a flow-error naming the reason and a capture of the screen.
 */
import { HarnessError } from '../../errors/index.ts';
import type { GrantSpecialAccessArgs } from './access-args.ts';
import { adbCommands, findComponents, holdsAccess, needsComponent, restrictedSettingsMode, type Shell } from './device-state.ts';
import { allowRestrictedSettings, GrantFailure, grantThroughSettings, readLabel, waitForFirst, type UiRuntime } from './settings-ui.ts';

export interface GrantRuntime extends UiRuntime {
  /** Screenshot + UI dump into the case's evidence. */
  capture(name: string): Promise<void>;
  /** Lines for the case log: what was done (restricted settings lifted, the adb commands run). */
  note?(line: string): void;
}

export interface GrantRequest extends GrantSpecialAccessArgs {
  package: string;
}

/** The component the grant is for: the one named, else the app's only one. */
async function resolveComponent(shell: Shell, request: GrantRequest): Promise<string | undefined> {
  if (!needsComponent(request.access)) return undefined;
  if (request.component !== undefined) return request.component;
  const found = await findComponents(shell, request.package, request.access);
  if (found.length === 1) return found[0]?.slice(request.package.length + 1);
  throw new GrantFailure('no-component', found.length === 0
    ? `${request.package} declares no component for ${request.access} (dumpsys package lists none); is it installed?`
    : `${request.package} declares several components for ${request.access} (${found.join(', ')}); name one with component:`);
}

async function viaAdb(runtime: GrantRuntime, request: GrantRequest, component: string | undefined): Promise<void> {
  for (const argv of await adbCommands(runtime.shell, request.access, request.package, component)) {
    const { output, ok } = await runtime.shell(argv);
    runtime.note?.(`grantSpecialAccess ${request.access} via adb: ${argv.join(' ')}`);
    if (!ok || /^(Error|Exception|Failure|java\.)/m.test(output)) {
      throw new GrantFailure('adb-refused', `\`${argv.join(' ')}\` failed: ${output.trim().split('\n').slice(-2).join(' / ')}`);
    }
  }
}

async function viaSettings(runtime: GrantRuntime, request: GrantRequest, component: string | undefined): Promise<void> {
  let label: string | undefined = request.label;
  const labelOf = async (): Promise<string> => (label ??= await readLabel(runtime, request.package));
  let outcome = await grantThroughSettings(runtime, request.access, request.package, component, labelOf);
  if (outcome === 'restricted') {
    const mode = await restrictedSettingsMode(runtime.shell, request.package);
    if (!request.allowRestrictedSettings) {
      throw new GrantFailure('restricted-setting', `Android 13 restricted settings refuse ${request.access} to ${request.package} (installed from a file; ACCESS_RESTRICTED_SETTINGS ${mode}); allowRestrictedSettings is false`);
    }
    await runtime.capture(`grant-${request.access}-restricted`);
    const ok = await waitForFirst(runtime, [{ text: 'OK' }]);
    if (ok.id) await runtime.driver.elementClick(ok.id);
    await allowRestrictedSettings(runtime, request.package);
    runtime.note?.(`grantSpecialAccess ${request.access}: "Restricted setting" shown; App info → ⋮ → Allow restricted settings`);
    outcome = await grantThroughSettings(runtime, request.access, request.package, component, labelOf);
    if (outcome === 'restricted') throw new GrantFailure('restricted-setting', `Settings still shows "Restricted setting" for ${request.package} after "Allow restricted settings"`);
  }
  await leaveSettings(runtime);
}

/**
 * Leaves Settings as a person does: BACK until Settings is no longer in front. On a phone that
 * returns to the task behind it (the app that was in front); the caller brings the app back if not.
 */
async function leaveSettings(runtime: GrantRuntime): Promise<void> {
  for (let presses = 0; presses < 8; presses += 1) {
    const front = await runtime.driver.getCurrentPackage().catch(() => '');
    if (front !== 'com.android.settings' && !front.endsWith('packageinstaller')) return;
    await runtime.shell(['input', 'keyevent', 'KEYCODE_BACK']);
  }
}

/** Grants the access and checks it took; throws FLOW_STEP_FAILED `[reason] …` after a capture. */
export async function grantSpecialAccess(runtime: GrantRuntime, request: GrantRequest, where: string): Promise<void> {
  try {
    const component = await resolveComponent(runtime.shell, request);
    if (request.via === 'adb') await viaAdb(runtime, request, component);
    else await viaSettings(runtime, request, component);
    if (!(await holdsAccess(runtime.shell, request.access, request.package, component))) {
      throw new GrantFailure('not-granted', `${request.package} does not hold ${request.access} after the grant via ${request.via} (checked with adb)`);
    }
  } catch (error) {
    if (!(error instanceof GrantFailure)) throw error;
    await runtime.capture(`grant-${request.access}-failed`).catch(() => undefined);
    throw new HarnessError('FLOW_STEP_FAILED', `${where}: [${error.reason}] ${error.message}`, {
      cause: error,
      hint: error.reason === 'restricted-setting'
        ? 'the app was installed from a file: let the step allow restricted settings (allowRestrictedSettings: true), or install it with adb'
        : 'compare the capture with scenarios/README.md "grantSpecialAccess"; via: adb names the command a lab may use instead',
    });
  }
}
