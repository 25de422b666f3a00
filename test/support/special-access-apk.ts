import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildUnsignedApk, createSigningKey, manifestXml, signApk } from './apk-builder.ts';

/**
 * An app that asks for every special access Android's Settings grants (all files, usage, overlay,
 * battery exemption, POST_NOTIFICATIONS, an accessibility service, a notification listener and a
 * device admin receiver), built with the real aapt/apksigner into the caller's temp folder.
 */
export const SPECIAL_PACKAGE = 'org.example.special';
export const SPECIAL_LABEL = 'Special Helper';

export function specialAccessManifest(packageName = SPECIAL_PACKAGE, label = SPECIAL_LABEL): string {
  return manifestXml(packageName, `<uses-sdk android:minSdkVersion="26" android:targetSdkVersion="33"/>
<uses-permission android:name="android.permission.MANAGE_EXTERNAL_STORAGE"/>
<uses-permission android:name="android.permission.PACKAGE_USAGE_STATS"/>
<uses-permission android:name="android.permission.SYSTEM_ALERT_WINDOW"/>
<uses-permission android:name="android.permission.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS"/>
<uses-permission android:name="android.permission.POST_NOTIFICATIONS"/>
<application android:label="${label}">
<activity android:name=".Main" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN"/><category android:name="android.intent.category.LAUNCHER"/></intent-filter></activity>
<service android:name=".Access" android:permission="android.permission.BIND_ACCESSIBILITY_SERVICE" android:exported="true"><intent-filter><action android:name="android.accessibilityservice.AccessibilityService"/></intent-filter></service>
<service android:name=".Listener" android:permission="android.permission.BIND_NOTIFICATION_LISTENER_SERVICE" android:exported="true"><intent-filter><action android:name="android.service.notification.NotificationListenerService"/></intent-filter></service>
<receiver android:name=".Admin" android:permission="android.permission.BIND_DEVICE_ADMIN" android:exported="true"><meta-data android:name="android.app.device_admin" android:value="policies"/><intent-filter><action android:name="android.app.action.DEVICE_ADMIN_ENABLED"/></intent-filter></receiver>
</application>`, 'android:versionCode="1" android:versionName="1.0"');
}

/** Builds and signs the app; returns the APK's path. */
export async function buildSpecialAccessApk(dir: string): Promise<string> {
  const key = await createSigningKey(dir, { name: 'special', algorithm: 'EC', dname: 'CN=Special, O=Example' });
  return signApk(await buildUnsignedApk(dir, 'special', { manifest: specialAccessManifest() }), join(dir, 'special.apk'), key, { v1: true, v2: true, v3: false });
}

export async function readSpecialAccessApk(dir: string): Promise<Buffer> {
  return readFile(await buildSpecialAccessApk(dir));
}
