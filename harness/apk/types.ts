/** What the harness knows about an APK file, read from the file alone (no device, no aapt). */
export type ComponentKind =
  | 'activity'
  | 'activity-alias'
  | 'service'
  | 'receiver'
  | 'provider'
  /** a service bound by android.permission.BIND_ACCESSIBILITY_SERVICE */
  | 'accessibility-service'
  /** a receiver bound by android.permission.BIND_DEVICE_ADMIN */
  | 'device-admin'
  /** a service bound by android.permission.BIND_NOTIFICATION_LISTENER_SERVICE */
  | 'notification-listener';

export interface ApkComponent {
  kind: ComponentKind;
  /** Fully qualified class name (a leading '.' in the manifest is expanded with the package). */
  name: string;
  exported: boolean | undefined;
  enabled: boolean | undefined;
  permission: string | undefined;
  /** Intent-filter actions, e.g. android.intent.action.MAIN. */
  actions: string[];
  /** Intent-filter categories, e.g. android.intent.category.LAUNCHER. */
  categories: string[];
  /** For activity-alias: the target activity. */
  targetActivity: string | undefined;
  /**
   * Names of the component's `<meta-data>` (e.g. android.app.device_admin, which a device-admin
   * receiver must declare); absent when it has none.
   */
  metaData?: string[];
  /**
   * The component's intent filters that carry `<data>` (deep links, `package:` broadcasts), each on its
   * own as IntentFilter matches them; absent when none has data.
   */
  dataFilters?: IntentDataFilter[];
}

/** One `<intent-filter>` with `<data>`: its actions, categories and the data parts merged over its `<data>` elements. */
export interface IntentDataFilter {
  actions: string[];
  categories: string[];
  schemes: string[];
  /** `android:host` (`*` or `*.example.org` wildcards allowed) with `android:port` when given. */
  authorities: Array<{ host: string; port?: string }>;
  /** `android:path` / `pathPrefix` / `pathPattern` (PatternMatcher PATTERN_LITERAL / PREFIX / SIMPLE_GLOB). */
  paths: Array<{ kind: 'literal' | 'prefix' | 'glob'; value: string }>;
}

export interface SigningCertificate {
  /** Upper-case hex, as the stalkerware-indicators data writes it. */
  sha1: string;
  sha256: string;
  /** RFC 4514-ish distinguished name as apksigner prints it, e.g. "CN=Demo, O=Example". */
  subject: string;
  keyAlgorithm: 'RSA' | 'EC' | 'DSA' | 'unknown';
  keySize: number | undefined;
}

export interface ApkSigning {
  /** Signature schemes present: 1 = JAR signing, 2 and 3 = APK Signing Block. */
  schemes: Array<1 | 2 | 3>;
  /** Distinct signer certificates (the first is the signer's own certificate). */
  certificates: SigningCertificate[];
}

export interface ApkIdentity {
  /** Absolute path of the file read. */
  path: string;
  /** SHA-256 of the whole file, lower-case hex. */
  sha256: string;
  size: number;
  packageName: string;
  versionCode: number;
  versionName: string | undefined;
  /** Resolved application label (default configuration), or undefined when none. */
  label: string | undefined;
  minSdkVersion: number | undefined;
  targetSdkVersion: number | undefined;
  permissions: string[];
  components: ApkComponent[];
  /** The activity started by the launcher (MAIN + LAUNCHER), if any. */
  launchableActivity: string | undefined;
  /** Instrumentation entries (name, targetPackage), as `pm list instrumentation` shows them. */
  instrumentations: Array<{ name: string; targetPackage: string }>;
  /**
   * `<application android:testOnly="true">`: installs only with `adb install -t`, and its device
   * admin may be removed with `dpm remove-active-admin` (Android refuses that for any other app).
   */
  testOnly: boolean;
  /** `<application android:debuggable="true">`. */
  debuggable: boolean;
  signing: ApkSigning;
  /** Names of entries under assets/ (without the prefix), for behaviour files. */
  assets: string[];
  /**
   * Content-provider authorities (`<provider android:authorities="a;b">`, split on ';'), present only
   * when the manifest declares some: an authority another installed package owns fails the install
   * (INSTALL_FAILED_CONFLICTING_PROVIDER).
   */
  providerAuthorities?: string[];
  /**
   * Permissions the app defines (`<permission android:name>`), present only when it defines some: one
   * already defined by a package with another signer fails the install (INSTALL_FAILED_DUPLICATE_PERMISSION).
   */
  definedPermissions?: string[];
  /**
   * `<manifest split="…">`: this APK is a split (e.g. `config.xxhdpi`) of a split APK set, installed only
   * together with its base (`adb install-multiple`); absent for a base or single APK.
   */
  splitName?: string;
}
