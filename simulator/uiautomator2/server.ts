/**
 * `startUiAutomator2Server(device, options)`: the UiAutomator2 server's HTTP API on device port 6790, started by
 * `am instrument -w … io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner` and alive
 * until `stop()` or `DELETE /session` (which ends the instrumentation before it answers).
 *
 * Each forwarded connection (`adb forward tcp:<systemPort> tcp:6790`) arrives as a Duplex and is handed to
 * a node:http server with `emit('connection')`, so HTTP/1.1 keep-alive works as on a socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { InstrumentationOptions, VirtualDevice } from '../device/contracts.ts';
import { DEVICE_ROUTES } from './device-routes.ts';
import { ELEMENT_ROUTES } from './element-routes.ts';
import { readPixelRatio } from './device-info.ts';
import { requireResponsiveElement } from './idle-wait.ts';
import { matchRoute } from './router.ts';
import { SESSION_ROUTES } from './session-routes.ts';
import { createDefaultSettings, readIdCompletionPackage } from './session-settings.ts';
import type { Route, ServerState } from './server-state.ts';
import { invalidArgument, invalidSession, Uia2Error, unknownCommand } from './uia2-error.ts';
import { XPathDocumentCache } from './xpath/xpath-document-cache.ts';

export const UIAUTOMATOR2_PORT = 6790;
/** What finds use before a session exists. */
const DEFAULT_SETTINGS = createDefaultSettings();
export const UIAUTOMATOR2_LOG_TAG = 'AppiumUiAutomator2Server';
const ROUTES: readonly Route[] = [...SESSION_ROUTES, ...ELEMENT_ROUTES, ...DEVICE_ROUTES];

export interface UiAutomator2ServerHandle {
  /** Resolves when the server has stopped (DELETE /session, `stop()`, or the device shutting down). */
  stopped: Promise<void>;
  stop(): Promise<void>;
  /**
   * Whether the server suppresses other accessibility services while it runs: true unless the
   * instrumentation got `-e DISABLE_SUPPRESS_ACCESSIBILITY_SERVICES true`. On a real phone UiAutomation
   * then unbinds the other services (a sample's accessibility service stops working); the device reads
   * this through `isAccessibilitySuppressed(device)` — acting on it is left to the accessibility model.
   */
  readonly suppressesAccessibilityServices: boolean;
}

const suppressionByDevice = new WeakMap<VirtualDevice, UiAutomator2ServerHandle>();

/** True while a UiAutomator2 server runs on the device without DISABLE_SUPPRESS_ACCESSIBILITY_SERVICES. */
export function isAccessibilitySuppressed(device: VirtualDevice): boolean {
  return suppressionByDevice.get(device)?.suppressesAccessibilityServices ?? false;
}

export function startUiAutomator2Server(device: VirtualDevice, options: InstrumentationOptions): UiAutomator2ServerHandle {
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => { resolveStopped = resolve; });
  const connections = new Set<Duplex>();
  let running = true;
  let pid = 0;
  const log = (message: string, priority: 'I' | 'E' = 'I'): void => {
    device.log({ pid, tid: pid, priority, tag: UIAUTOMATOR2_LOG_TAG, message });
  };
  void findServerPid(device).then((found) => {
    pid = found;
    log(`Starting Server on port ${UIAUTOMATOR2_PORT}; pixel ratio ${readPixelRatio(device.profile)}`);
  });

  const shutDown = (): void => {
    if (!running) return;
    running = false;
    unlisten();
    if (suppressionByDevice.get(device) === handle) suppressionByDevice.delete(device);
    resolveStopped();
  };

  const state: ServerState = {
    device,
    session: undefined,
    clipboard: '',
    finder: {
      hierarchy: () => device.ui.hierarchy(),
      windows: () => device.ui.windows(),
      lastToast: () => device.ui.lastToast(),
      settings: () => state.session?.settings ?? DEFAULT_SETTINGS,
      idCompletionPackage: () => readIdCompletionPackage(state.session?.merged),
      swipe: (x1, y1, x2, y2, ms) => device.ui.swipe(x1, y1, x2, y2, ms),
      display: { width: device.profile.screenWidth, height: device.profile.screenHeight, rotation: 0 },
      xpathDocuments: new XPathDocumentCache(),
    },
    requestStop: shutDown,
  };

  // Requests still being answered: stopping waits for them, so DELETE /session's answer (sent after
  // `stopped` resolved and `am instrument` began to end) still reaches the driver.
  let inFlight = 0;
  const closeWhenIdle = (): void => {
    if (!running && inFlight === 0) closeConnections(connections);
  };
  const server = createServer({ keepAlive: true }, (request, response) => {
    inFlight++;
    response.once('close', () => {
      inFlight--;
      closeWhenIdle();
    });
    handleRequest(state, request, response, log).catch(() => response.destroy());
  });
  server.keepAliveTimeout = 60_000;

  const unlisten = device.listenTcp(UIAUTOMATOR2_PORT, (stream) => {
    if (!running) {
      stream.destroy();
      return;
    }
    connections.add(stream);
    stream.once('close', () => connections.delete(stream));
    server.emit('connection', stream);
  });

  const handle: UiAutomator2ServerHandle = {
    stopped,
    async stop() {
      shutDown();
      closeWhenIdle();
      await stopped;
    },
    suppressesAccessibilityServices: !options.disableSuppressAccessibilityServices,
  };
  suppressionByDevice.set(device, handle);
  return handle;
}

function closeConnections(connections: Set<Duplex>): void {
  for (const stream of connections) stream.destroy();
  connections.clear();
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidArgument(`The request body is not valid JSON: ${text.slice(0, 100)}`);
  }
}

async function handleRequest(state: ServerState, request: IncomingMessage, response: ServerResponse, log: (message: string, priority?: 'I' | 'E') => void): Promise<void> {
  const method = request.method ?? 'GET';
  // Clients of old Appium versions still prefix /wd/hub (ServerHandler.LEGACY_URI_PREFIX).
  const path = (request.url ?? '/').replace(/^\/wd\/hub(?=\/|$)/, '') || '/';
  log(`channel read: ${method} ${path}`);
  const match = matchRoute(ROUTES, method, path);
  let status = 200;
  let value: unknown;
  try {
    const body = await readBody(request);
    if (!match) throw unknownCommand(`The command '${method} ${path}' is not supported by the UiAutomator2 server of the virtual device`);
    log(`${match.route.name} command`);
    const session = state.session;
    if (!match.route.noSession && (!session || session.id !== match.params['sessionId'])) throw invalidSession(match.params['sessionId']);
    const elementId = match.params['id'];
    const singleMatch = elementId === undefined ? undefined : session?.elements.isSingleMatch(elementId);
    if (elementId !== undefined && singleMatch !== undefined) await requireResponsiveElement(state.device.ui, singleMatch, elementId);
    value = await match.route.handle({ state, params: match.params, body, session: session! });
  } catch (error) {
    const uia2 = error instanceof Uia2Error ? error : new Uia2Error('unknown error', 500, error instanceof Error ? error.message : String(error));
    status = uia2.status;
    value = { error: uia2.error, message: uia2.message, stacktrace: error instanceof Error && !(error instanceof Uia2Error) ? (error.stack ?? '') : '' };
  }
  // NewSession answers with the id it just created; other commands echo the URL's id.
  const sessionId = match?.params['sessionId'] ?? state.session?.id;
  const payload = JSON.stringify({ sessionId: sessionId ?? null, value: value ?? null });
  log(`AppiumResponse: ${status === 200 ? abbreviate(payload, 300) : payload}`, status === 200 ? 'I' : 'E');
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  response.end(payload);
}

function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** The pid of the server process, as `ps` shows it; 0 until the process table knows it. */
async function findServerPid(device: VirtualDevice): Promise<number> {
  let out = '';
  try {
    await device.runShell('pidof io.appium.uiautomator2.server', {
      stdin: (async function* () {})(),
      stdout: (chunk) => { out += chunk.toString(); },
      stderr: () => {},
      signal: new AbortController().signal,
    });
  } catch {
    return 0;
  }
  const pid = Number.parseInt(out.trim().split(/\s+/)[0] ?? '', 10);
  return Number.isFinite(pid) ? pid : 0;
}
