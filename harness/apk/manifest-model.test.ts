import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors/index.ts';
import { buildAxml, buildResourceTable, type TestAttribute, type TestElement, type TestValue } from '../../test/support/apk-binary-xml-builder.ts';
import { parseAxml } from './axml-parser.ts';
import { expandClassName, readManifestModel } from './manifest-model.ts';
import { parseResourceTable } from './resource-table.ts';

const IDS: Record<string, number> = {
  label: 0x01010001,
  name: 0x01010003,
  permission: 0x01010006,
  enabled: 0x0101000e,
  exported: 0x01010010,
  targetPackage: 0x01010021,
  targetActivity: 0x01010202,
  minSdkVersion: 0x0101020c,
  versionCode: 0x0101021b,
  versionName: 0x0101021c,
  targetSdkVersion: 0x01010270,
  scheme: 0x01010027,
  host: 0x01010028,
  path: 0x0101002a,
  pathPrefix: 0x0101002b,
};

const str = (value: string): TestValue => ({ type: 'string', value });

/** An element whose android: attributes carry their real resource ids. */
function el(name: string, attributes: Record<string, TestValue> = {}, children: TestElement[] = []): TestElement {
  const list: TestAttribute[] = Object.entries(attributes).map(([key, value]) =>
    key === 'package' ? { name: key, android: false, value } : { name: key, resourceId: IDS[key] ?? 0x01019999, value },
  );
  return { name, attributes: list, children };
}

function filter(actions: string[], categories: string[]): TestElement {
  return el('intent-filter', {}, [
    ...actions.map((action) => el('action', { name: str(action) })),
    ...categories.map((category) => el('category', { name: str(category) })),
  ]);
}

function model(root: TestElement, resources?: Buffer) {
  return readManifestModel(
    parseAxml(buildAxml(root), 'm.apk!AndroidManifest.xml'),
    resources ? parseResourceTable(resources, 'm.apk!resources.arsc') : undefined,
    'm.apk!AndroidManifest.xml',
  );
}

describe('readManifestModel', () => {
  it('keeps each intent filter with <data> on its own, its <data> elements merged (deep links)', () => {
    const root = el('manifest', { package: str('com.example.av') }, [
      el('application', {}, [
        el('activity', { name: str('.Link'), exported: { type: 'boolean', value: true } }, [
          el('intent-filter', {}, [
            el('action', { name: str('android.intent.action.VIEW') }),
            el('category', { name: str('android.intent.category.DEFAULT') }),
            el('data', { scheme: str('avapp') }),
            el('data', { host: str('scan'), pathPrefix: str('/now') }),
          ]),
          filter(['android.intent.action.MAIN'], ['android.intent.category.LAUNCHER']),
        ]),
      ]),
    ]);
    const [link] = model(root).components;
    expect(link?.dataFilters).toEqual([{
      actions: ['android.intent.action.VIEW'], categories: ['android.intent.category.DEFAULT'], schemes: ['avapp'],
      authorities: [{ host: 'scan' }], paths: [{ kind: 'prefix', value: '/now' }],
    }]);
    expect(link?.actions).toEqual(['android.intent.action.VIEW', 'android.intent.action.MAIN']);
  });

  const resources = buildResourceTable(0x7f, [{ id: 1, configs: [{ entries: [str('Spy Label'), str('2.0')] }] }]);
  const manifest = el(
    'manifest',
    { package: str('com.example.spy'), versionCode: { type: 'int', value: 31 }, versionName: { type: 'reference', id: 0x7f010001 } },
    [
      el('uses-sdk', { minSdkVersion: { type: 'int', value: 21 }, targetSdkVersion: { type: 'int', value: 33 } }),
      el('uses-permission', { name: str('android.permission.READ_SMS') }),
      el('uses-permission-sdk-23', { name: str('android.permission.CAMERA') }),
      el('uses-permission', { name: str('android.permission.READ_SMS') }),
      el('application', { label: { type: 'reference', id: 0x7f010000 } }, [
        el('activity', { name: str('.Settings'), exported: { type: 'boolean', value: false } }, [filter(['android.intent.action.MAIN'], [])]),
        // aapt's rule: MAIN and LAUNCHER may sit in different filters of one activity.
        el('activity', { name: str('Main') }, [filter(['android.intent.action.MAIN'], []), filter(['x.VIEW'], ['android.intent.category.LAUNCHER'])]),
        el('activity-alias', { name: str('.Alias'), targetActivity: str('.Main') }, [
          filter(['android.intent.action.MAIN'], ['android.intent.category.LAUNCHER']),
        ]),
        el('service', { name: str('.Keylogger'), permission: str('android.permission.BIND_ACCESSIBILITY_SERVICE') }),
        el('service', { name: str('.Notes'), permission: str('android.permission.BIND_NOTIFICATION_LISTENER_SERVICE'), enabled: { type: 'boolean', value: false } }),
        el('service', { name: str('.Plain'), permission: str('android.permission.BIND_DEVICE_ADMIN') }),
        el('receiver', { name: str('com.other.Admin'), permission: str('android.permission.BIND_DEVICE_ADMIN'), exported: { type: 'boolean', value: true } }),
        el('provider', { name: str('.Files') }),
        el('meta-data', { name: str('ignored') }),
      ]),
      el('instrumentation', { name: str('.Probe'), targetPackage: str('com.example.target') }),
    ],
  );

  it('reads identity fields, resolving references through resources.arsc', () => {
    const result = model(manifest, resources);
    expect(result).toMatchObject({
      packageName: 'com.example.spy',
      versionCode: 31,
      versionName: '2.0',
      label: 'Spy Label',
      minSdkVersion: 21,
      targetSdkVersion: 33,
      permissions: ['android.permission.READ_SMS', 'android.permission.CAMERA'],
      instrumentations: [{ name: 'com.example.spy.Probe', targetPackage: 'com.example.target' }],
    });
  });

  it('classifies components by their bind permission', () => {
    expect(model(manifest, resources).components.map((component) => [component.kind, component.name])).toEqual([
      ['activity', 'com.example.spy.Settings'],
      ['activity', 'com.example.spy.Main'],
      ['activity-alias', 'com.example.spy.Alias'],
      ['accessibility-service', 'com.example.spy.Keylogger'],
      ['notification-listener', 'com.example.spy.Notes'],
      // BIND_DEVICE_ADMIN only makes a receiver a device admin.
      ['service', 'com.example.spy.Plain'],
      ['device-admin', 'com.other.Admin'],
      ['provider', 'com.example.spy.Files'],
    ]);
  });

  it('keeps exported/enabled/permission/targetActivity and intent filters', () => {
    const components = model(manifest, resources).components;
    expect(components[0]).toEqual({
      kind: 'activity',
      name: 'com.example.spy.Settings',
      exported: false,
      enabled: undefined,
      permission: undefined,
      actions: ['android.intent.action.MAIN'],
      categories: [],
      targetActivity: undefined,
    });
    expect(components[2]?.targetActivity).toBe('com.example.spy.Main');
    expect(components[4]?.enabled).toBe(false);
    expect(components[6]?.exported).toBe(true);
  });

  it('picks the first MAIN+LAUNCHER activity as launchable', () => {
    expect(model(manifest, resources).launchableActivity).toBe('com.example.spy.Main');
  });

  it('counts an activity-alias as launchable', () => {
    const aliasOnly = el('manifest', { package: str('a.b') }, [
      el('application', {}, [el('activity-alias', { name: str('.Entry') }, [filter(['android.intent.action.MAIN'], ['android.intent.category.LAUNCHER'])])]),
    ]);
    expect(model(aliasOnly).launchableActivity).toBe('a.b.Entry');
  });

  it('leaves unresolvable references undefined and defaults versionCode to 0', () => {
    const bare = el('manifest', { package: str('a.b') }, [el('application', { label: { type: 'reference', id: 0x7f010000 } })]);
    expect(model(bare)).toMatchObject({ label: undefined, versionCode: 0, versionName: undefined, minSdkVersion: undefined, launchableActivity: undefined });
  });

  it('finds attributes by resource id even when an obfuscator blanked their names', () => {
    const obfuscated: TestElement = {
      name: 'manifest',
      attributes: [
        { name: 'package', android: false, value: str('a.b') },
        { name: '', resourceId: IDS.versionCode ?? 0, value: { type: 'int', value: 5 } },
      ],
    };
    expect(model(obfuscated).versionCode).toBe(5);
  });

  it('fails with APK_INVALID when the package is missing', () => {
    try {
      model(el('manifest', {}, []));
      expect.unreachable();
    } catch (error) {
      expect(isHarnessError(error, 'APK_INVALID')).toBe(true);
      expect((error as Error).message).toContain('m.apk!AndroidManifest.xml');
    }
  });
});

describe('expandClassName', () => {
  it('follows PackageParser.buildClassName', () => {
    expect(expandClassName('a.b', '.C')).toBe('a.b.C');
    expect(expandClassName('a.b', 'C')).toBe('a.b.C');
    expect(expandClassName('a.b', 'x.y.C')).toBe('x.y.C');
  });
});
