import { Agent, request } from 'node:http';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualDevice, type VirtualAndroidDevice } from '../device/index.ts';
import { TEST_PROFILE } from '../ui/testing/create-test-host.ts';
import { isAccessibilitySuppressed, startUiAutomator2Server, UIAUTOMATOR2_LOG_TAG, type UiAutomator2ServerHandle } from './index.ts';

interface Reply {
  status: number;
  body: { sessionId: string | null; value: unknown };
}

let device: VirtualAndroidDevice;
let server: UiAutomator2ServerHandle;
let agent: Agent;
let connections = 0;

/** An HTTP agent whose connections are device-side TCP connections to port 6790, like `adb forward`. */
function createDeviceAgent(): Agent {
  const deviceAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  (deviceAgent as unknown as { createConnection: () => unknown }).createConnection = () => {
    connections++;
    const stream = device.connectTcp(6790);
    if (!stream) throw new Error('nothing listens on 6790');
    // The agent treats its connections as sockets; a device stream has no socket options to set.
    return Object.assign(stream, { setKeepAlive: () => stream, setNoDelay: () => stream, setTimeout: () => stream, ref: () => stream, unref: () => stream });
  };
  return deviceAgent;
}

function call(method: string, path: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ agent, method, path, host: 'device', headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply['body'] }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function createSession(): Promise<string> {
  const reply = await call('POST', '/session', { capabilities: { firstMatch: [{}], alwaysMatch: { platformName: 'Android' } } });
  expect(reply.status).toBe(200);
  return reply.body.sessionId!;
}

beforeEach(() => {
  device = createVirtualDevice({ profile: TEST_PROFILE, serial: 'emulator-5570', bootDelayMs: 0 });
  server = startUiAutomator2Server(device, { disableSuppressAccessibilityServices: false });
  agent = createDeviceAgent();
  connections = 0;
});

afterEach(async () => {
  agent.destroy();
  await server.stop();
  await device.shutdown();
});

describe('UiAutomator2 server over the device TCP port', () => {
  it('answers /status and keeps the connection alive across requests', async () => {
    for (let i = 0; i < 3; i++) {
      const reply = await call('GET', '/status');
      expect(reply.body).toEqual({ sessionId: null, value: { ready: true, message: 'UiAutomator2 Server is ready to accept commands' } });
    }
    expect(connections).toBe(1);
  });

  it('creates a session and reports device facts', async () => {
    const sid = await createSession();
    expect((await call('GET', `/session/${sid}/appium/device/pixel_ratio`)).body.value).toBe(2.625);
    expect((await call('GET', `/session/${sid}/appium/device/system_bars`)).body.value).toEqual({ statusBar: 63 });
    expect((await call('GET', `/session/${sid}/window/current/size`)).body.value).toEqual({ width: 1080, height: 2400 });
    const info = (await call('GET', `/session/${sid}/appium/device/info`)).body.value as Record<string, unknown>;
    expect(info).toMatchObject({ apiVersion: '33', platformVersion: '13', realDisplaySize: '1080x2400', displayDensity: 420 });
    expect((await call('GET', '/sessions')).body.value).toEqual([{ id: sid, capabilities: { platformName: 'Android' } }]);
  });

  it('finds, reads and clicks launcher icons, and reports stale elements once their screen is gone', async () => {
    const sid = await createSession();
    const found = await call('POST', `/session/${sid}/element`, { strategy: 'accessibility id', selector: 'Settings', context: '', multiple: false });
    expect(found.status).toBe(200);
    const id = (found.body.value as Record<string, string>)['element-6066-11e4-a52e-4f735466cecf']!;
    expect((await call('GET', `/session/${sid}/element/${id}/attribute/resource-id`)).body.value).toBe('com.android.launcher3:id/icon');
    expect((await call('GET', `/session/${sid}/element/${id}/text`)).body.value).toBe('Settings');
    expect((await call('POST', `/session/${sid}/element/${id}/click`)).status).toBe(200);
    expect(device.ui.focusedWindow().packageName).toBe('com.android.settings');
    const title = await call('POST', `/session/${sid}/element`, { strategy: 'xpath', selector: "//android.widget.TextView[@text='Settings']", context: '', multiple: false });
    const titleId = (title.body.value as Record<string, string>).ELEMENT!;
    await call('POST', `/session/${sid}/back`);
    const stale = await call('GET', `/session/${sid}/element/${titleId}/text`);
    expect(stale.status).toBe(404);
    expect((stale.body.value as { error: string }).error).toBe('stale element reference');
  });

  it('reports missing elements, bad selectors, unknown commands and unknown sessions as the real server does', async () => {
    const sid = await createSession();
    const missing = await call('POST', `/session/${sid}/element`, { strategy: 'id', selector: 'nothing_here', context: '', multiple: false });
    expect([missing.status, (missing.body.value as { error: string }).error]).toEqual([404, 'no such element']);
    const bad = await call('POST', `/session/${sid}/element`, { strategy: 'xpath', selector: '//*[@text=', context: '', multiple: false });
    expect([bad.status, (bad.body.value as { error: string }).error]).toEqual([400, 'invalid selector']);
    const unknown = await call('GET', `/session/${sid}/does/not/exist`);
    expect([unknown.status, (unknown.body.value as { error: string }).error]).toEqual([404, 'unknown command']);
    const wrongSession = await call('GET', '/session/00000000-0000-0000-0000-000000000000/source');
    expect((wrongSession.body.value as { error: string }).error).toBe('invalid session id');
    expect((await call('POST', `/session/${sid}/elements`, { strategy: 'class name', selector: 'android.widget.Nope', context: '', multiple: true })).body.value).toEqual([]);
  });

  it('serves the page source, a PNG screenshot, and logs each request to logcat', async () => {
    const sid = await createSession();
    const source = (await call('GET', `/session/${sid}/source`)).body.value as string;
    expect(source.startsWith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\r\n<hierarchy index=\"0\" class=\"hierarchy\" rotation=\"0\" width=\"1080\" height=\"2400\">")).toBe(true);
    // Only the active window (the launcher): the status bar is a window of its own (window-roots.ts).
    expect(source).toContain('resource-id="com.android.launcher3:id/apps_list_view"');
    const png = Buffer.from((await call('GET', `/session/${sid}/screenshot`)).body.value as string, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1080, 2400]);
    expect(inflateSync(png.subarray(41, 41 + png.readUInt32BE(33))).length).toBe((1080 * 3 + 1) * 2400);
    expect(device.readLog().some((entry) => entry.tag === UIAUTOMATOR2_LOG_TAG && entry.message === `channel read: GET /session/${sid}/source`)).toBe(true);
  });

  it('resolves stopped on DELETE /session before the answer arrives, and still answers', async () => {
    const sid = await createSession();
    let stoppedFirst = false;
    void server.stopped.then(() => { stoppedFirst = true; });
    const reply = await call('DELETE', `/session/${sid}`);
    expect(reply).toEqual({ status: 200, body: { sessionId: sid, value: null } });
    expect(stoppedFirst).toBe(true);
    expect(device.connectTcp(6790)).toBeUndefined();
  });

  it('exposes whether other accessibility services are suppressed', async () => {
    expect(server.suppressesAccessibilityServices).toBe(true);
    expect(isAccessibilitySuppressed(device)).toBe(true);
    await server.stop();
    expect(isAccessibilitySuppressed(device)).toBe(false);
    server = startUiAutomator2Server(device, { disableSuppressAccessibilityServices: true });
    expect(isAccessibilitySuppressed(device)).toBe(false);
  });

  it('scrolls a list with UiScrollable.scrollIntoView until the row is on screen', async () => {
    const sid = await createSession();
    device.ui.showScreen('com.android.settings', { title: 'Apps', widgets: [{ kind: 'RecyclerView', id: 'apps', items: Array.from({ length: 60 }, (_, i) => ({ title: `App ${i}` })) }] });
    const before = await call('POST', `/session/${sid}/element`, { strategy: '-android uiautomator', selector: 'new UiSelector().text("App 55")', context: '', multiple: false });
    expect(before.status).toBe(404);
    const scrolled = await call('POST', `/session/${sid}/element`, {
      strategy: '-android uiautomator', selector: 'new UiScrollable(new UiSelector().scrollable(true)).scrollIntoView(new UiSelector().text("App 55"))', context: '', multiple: false,
    });
    expect(scrolled.status).toBe(200);
    const id = (scrolled.body.value as Record<string, string>).ELEMENT!;
    expect((await call('GET', `/session/${sid}/element/${id}/text`)).body.value).toBe('App 55');
    const missingContainer = await call('POST', `/session/${sid}/element`, {
      strategy: '-android uiautomator', selector: 'new UiScrollable(new UiSelector().className("android.widget.GridView")).scrollIntoView(new UiSelector().text("App 1"))', context: '', multiple: false,
    });
    // "App 1" is scrolled away and there is no GridView to scroll: UiObjectNotFoundException, as on a phone.
    expect([missingContainer.status, (missingContainer.body.value as { error: string }).error]).toEqual([404, 'no such element']);
  });

  it('turns W3C pointer actions into taps and swipes', async () => {
    const sid = await createSession();
    const icon = await call('POST', `/session/${sid}/element`, { strategy: 'accessibility id', selector: 'Settings', context: '', multiple: false });
    const rect = (await call('GET', `/session/${sid}/element/${(icon.body.value as Record<string, string>).ELEMENT!}/rect`)).body.value as { x: number; y: number; width: number; height: number };
    const tap = { actions: [{ type: 'pointer', id: 'finger1', parameters: { pointerType: 'touch' }, actions: [
      { type: 'pointerMove', duration: 0, x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 }, { type: 'pointerDown', button: 0 },
      { type: 'pause', duration: 50 }, { type: 'pointerUp', button: 0 },
    ] }] };
    expect((await call('POST', `/session/${sid}/actions`, tap)).status).toBe(200);
    expect(device.ui.focusedWindow().packageName).toBe('com.android.settings');
    const swipeDown = { actions: [{ type: 'pointer', id: 'finger1', parameters: { pointerType: 'touch' }, actions: [
      { type: 'pointerMove', duration: 0, x: 540, y: 10 }, { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', duration: 300, x: 540, y: 1500 }, { type: 'pointerUp', button: 0 },
    ] }] };
    await call('POST', `/session/${sid}/actions`, swipeDown);
    const shade = await call('POST', `/session/${sid}/element`, { strategy: 'id', selector: 'com.android.systemui:id/notification_stack_scroller', context: '', multiple: false });
    expect(shade.status).toBe(200);
  });

  it('types into text fields (appending, replacing, clearing), reads alerts and accepts them', async () => {
    const sid = await createSession();
    device.ui.showScreen('com.android.settings', { title: 'Sign in', widgets: [
      { kind: 'EditText', id: 'email', hint: 'Email' },
      { kind: 'EditText', id: 'name' },
      { kind: 'Button', id: 'go', text: 'Sign in', onTap: { type: 'dialog', dialog: { title: 'Welcome', message: 'Signed in', positive: { text: 'OK' }, negative: { text: 'Cancel' } } } },
    ] });
    // A bare id is completed with the session's appPackage capability, else the server's own package
    // (ElementLocationHelpers.getPackageName), never with the app in front: this session has no appPackage.
    const bare = await call('POST', `/session/${sid}/element`, { strategy: 'id', selector: 'email', context: '', multiple: false });
    expect(bare.status).toBe(404);
    const field = await call('POST', `/session/${sid}/element`, { strategy: 'id', selector: 'com.android.settings:id/email', context: '', multiple: false });
    expect(field.status).toBe(200);
    const id = (field.body.value as Record<string, string>).ELEMENT!;
    const text = async (): Promise<unknown> => (await call('GET', `/session/${sid}/element/${id}/text`)).body.value;
    expect(await text()).toBe('Email');
    await call('POST', `/session/${sid}/element/${id}/value`, { text: 'me@', replace: false });
    expect(await text()).toBe('me@');
    // As on a phone: after clearing, the hint shows, so SendKeysToElement cannot tell it from text and replaces.
    await call('POST', `/session/${sid}/element/${id}/value`, { text: 'example.org', replace: false });
    expect(await text()).toBe('example.org');
    const name = await call('POST', `/session/${sid}/element`, { strategy: 'id', selector: 'com.android.settings:id/name', context: '', multiple: false });
    const nameId = (name.body.value as Record<string, string>).ELEMENT!;
    await call('POST', `/session/${sid}/element/${nameId}/value`, { text: 'Ada ' });
    await call('POST', `/session/${sid}/element/${nameId}/value`, { text: 'Lovelace' });
    expect((await call('GET', `/session/${sid}/element/${nameId}/text`)).body.value).toBe('Ada Lovelace');
    await call('POST', `/session/${sid}/element/${id}/value`, { text: 'other', replace: true });
    expect(await text()).toBe('other');
    await call('POST', `/session/${sid}/element/${id}/clear`);
    expect(await text()).toBe('Email');
    const noAlert = await call('GET', `/session/${sid}/alert/text`);
    expect((noAlert.body.value as { error: string }).error).toBe('no such alert');
    const button = await call('POST', `/session/${sid}/element`, { strategy: 'xpath', selector: "//android.widget.Button[@text='Sign in']", context: '', multiple: false });
    await call('POST', `/session/${sid}/element/${(button.body.value as Record<string, string>).ELEMENT!}/click`);
    expect((await call('GET', `/session/${sid}/alert/text`)).body.value).toBe('Signed in');
    expect((await call('POST', `/session/${sid}/alert/accept`)).status).toBe(200);
    expect((await call('GET', `/session/${sid}/alert/text`)).status).toBe(404);
  });

  it('keeps settings per session and scrolls with the scroll gesture', async () => {
    const sid = await createSession();
    const updated = await call('POST', `/session/${sid}/appium/settings`, { settings: { waitForIdleTimeout: 0 } });
    expect((updated.body.value as Record<string, unknown>)['waitForIdleTimeout']).toBe(0);
    expect(((await call('GET', `/session/${sid}/appium/settings`)).body.value as Record<string, unknown>)['waitForIdleTimeout']).toBe(0);
    device.ui.showScreen('com.android.settings', { widgets: [{ kind: 'ListView', id: 'list', items: Array.from({ length: 50 }, (_, i) => ({ title: `Row ${i}` })) }] });
    const list = await call('POST', `/session/${sid}/element`, { strategy: 'class name', selector: 'android.widget.ListView', context: '', multiple: false });
    const listId = (list.body.value as Record<string, string>).ELEMENT!;
    const moved = await call('POST', `/session/${sid}/appium/gestures/scroll`, { origin: { ELEMENT: listId }, direction: 'down', percent: 1 });
    expect(moved.body.value).toBe(true);
    const rows = await call('POST', `/session/${sid}/elements`, { strategy: 'id', selector: 'android:id/text1', context: listId, multiple: true });
    const first = (rows.body.value as Array<Record<string, string>>)[0]!.ELEMENT!;
    expect((await call('GET', `/session/${sid}/element/${first}/text`)).body.value).not.toBe('Row 0');
  });
});
