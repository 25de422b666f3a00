/** What every command handler works with: the device, the active session, and element lookup. */
import type { VirtualDevice } from '../device/contracts.ts';
import type { UiNode } from '../ui/contracts.ts';
import type { ElementStore } from './element-store.ts';
import { readWaitForIdleTimeout, requireResponsiveActiveWindow, waitForIdle } from './idle-wait.ts';
import type { FinderEnvironment } from './find-elements.ts';
import type { SettingsValue } from './session-settings.ts';
import { withRecentToast } from './window-roots.ts';

export interface Uia2Session {
  id: string;
  /** The capabilities object as posted (`{ firstMatch, alwaysMatch }`). */
  capabilities: unknown;
  /** alwaysMatch merged with the first firstMatch entry, vendor prefixes removed. */
  merged: Record<string, unknown>;
  elements: ElementStore;
  settings: Record<string, SettingsValue>;
}

export interface ServerState {
  readonly device: VirtualDevice;
  session: Uia2Session | undefined;
  readonly finder: FinderEnvironment;
  /** `appium/device/set_clipboard` text. */
  clipboard: string;
  /** Ends the instrumentation: resolves `stopped` and stops accepting connections. */
  requestStop(): void;
}

export interface RouteContext {
  state: ServerState;
  params: Record<string, string>;
  body: unknown;
  /** The active session, checked against the URL's :sessionId (routes that need one). */
  session: Uia2Session;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  /** The server's handler class name, for the log line (`FindElement command`). */
  name: string;
  /** Routes the real server runs without a session (NoSessionCommandHandler). */
  noSession?: boolean;
  handle(ctx: RouteContext): unknown;
}

/**
 * What every lookup does before it searches: `resetAccessibilityCache()` waits for idle up to the
 * session's `waitForIdleTimeout`, then the active window's root is needed (a hung app's never comes).
 */
export async function prepareLookup(ctx: RouteContext): Promise<void> {
  await waitForIdle(ctx.state.device.ui, readWaitForIdleTimeout(ctx.session.settings));
  await requireResponsiveActiveWindow(ctx.state.device.ui);
}

/** Resolves a cached element of the session in the current hierarchy. */
export function resolveElement(ctx: RouteContext, id: string | undefined): UiNode {
  // A toast found by XPath stays resolvable while the server still holds its text (window-roots.ts).
  return ctx.session.elements.resolve(id ?? '', withRecentToast(ctx.state.finder, ctx.state.device.ui.hierarchy()));
}

export function readBodyField(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}
