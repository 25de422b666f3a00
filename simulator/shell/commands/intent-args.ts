/**
 * Intent arguments of `am start|startservice|broadcast` (`-n -a -c -d -f -e/--es/--ez/--ei …`) and
 * how ActivityManagerShellCommand prints an intent: `Intent { act=… cat=[…] dat=… flg=0x… cmp=pkg/.Cls }`.
 */

export interface IntentArgs {
  action: string | undefined;
  categories: string[];
  data: string | undefined;
  flags: number;
  component: { packageName: string; className: string } | undefined;
  /** A bare package name given last (`am start -a MAIN pkg`). */
  packageName: string | undefined;
  extras: Record<string, string>;
  /** Options that are not part of the intent (-W, -S, --user …), by name. */
  options: Set<string>;
}

const EXTRA_OPTIONS = new Set(['-e', '--es', '--ez', '--ei', '--el', '--ef', '--eu', '--ecn', '--eia', '--ela', '--efa', '--esa', '--esn']);
const VALUE_OPTIONS = new Set(['--user', '-t', '--display', '--windowingMode', '--activityType', '-p', '--receiver-permission', '--attribution']);

export function parseIntentArgs(args: readonly string[]): IntentArgs {
  const intent: IntentArgs = {
    action: undefined, categories: [], data: undefined, flags: 0, component: undefined, packageName: undefined,
    extras: {}, options: new Set(),
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const value = (): string => args[++index] ?? '';
    if (arg === '-a') intent.action = value();
    else if (arg === '-c') intent.categories.push(value());
    else if (arg === '-d') intent.data = value();
    else if (arg === '-f') intent.flags |= Number(value());
    else if (arg === '-n') intent.component = parseComponent(value());
    else if (EXTRA_OPTIONS.has(arg)) {
      const key = value();
      intent.extras[key] = arg === '--esn' ? '' : value();
    } else if (arg === '--activity-clear-task') intent.flags |= 0x8000;
    else if (arg === '--activity-new-task') intent.flags |= 0x10000000;
    else if (VALUE_OPTIONS.has(arg)) { intent.options.add(arg); value(); }
    else if (arg.startsWith('-')) intent.options.add(arg);
    else applyBareArgument(intent, arg);
  }
  return intent;
}

/**
 * The argument after the options (Intent.parseCommandArgs): a URI (it has a ':') is a VIEW intent on
 * that data; `pkg/.Cls` a component and a bare word a package, both with MAIN + LAUNCHER filled in
 * where the options gave no action (Intent.fillIn: the options' action wins and drops those categories).
 */
function applyBareArgument(intent: IntentArgs, arg: string): void {
  if (arg.includes(':')) {
    intent.action ??= 'android.intent.action.VIEW';
    intent.data = arg;
    return;
  }
  if (arg.includes('/')) intent.component = parseComponent(arg);
  else intent.packageName = arg;
  if (intent.action === undefined) {
    intent.action = 'android.intent.action.MAIN';
    if (intent.categories.length === 0) intent.categories.push('android.intent.category.LAUNCHER');
  }
}

/**
 * Uri.toSafeString, which Intent.toString prints: tel/sip/sms/smsto/mailto keep only `-@.` of the
 * rest; http(s)/ftp/rtsp only the host (and port); other schemes (an app's own deep link) in full.
 */
export function safeUri(text: string): string {
  const colon = text.indexOf(':');
  if (colon <= 0) return text;
  const scheme = text.slice(0, colon).toLowerCase();
  const rest = text.slice(colon + 1);
  if (['tel', 'sip', 'sms', 'smsto', 'mailto'].includes(scheme)) return `${text.slice(0, colon)}:${rest.replace(/[^-@.]/g, 'x')}`;
  if (['http', 'https', 'ftp', 'rtsp'].includes(scheme)) {
    const authority = rest.startsWith('//') ? (rest.slice(2).split(/[/?#]/)[0] ?? '') : '';
    return `${text.slice(0, colon)}://${authority.replace(/^.*@/, '')}/...`;
  }
  return text;
}

/** `pkg/.Cls` or `pkg/full.Cls`; the class is returned fully qualified. */
export function parseComponent(text: string): { packageName: string; className: string } | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return undefined;
  const packageName = text.slice(0, slash);
  const cls = text.slice(slash + 1).replace(/\\(.)/g, '$1');
  return { packageName, className: cls.startsWith('.') ? `${packageName}${cls}` : cls };
}

/** `pkg/.Cls` when the class is in the package (ComponentName.flattenToShortString). */
export function shortName(component: { packageName: string; className: string }): string {
  const { packageName, className } = component;
  return className.startsWith(`${packageName}.`) ? `${packageName}/${className.slice(packageName.length)}` : `${packageName}/${className}`;
}

export function describeIntent(intent: IntentArgs, extraFlags = 0): string {
  return `Intent { ${intentFields(intent, extraFlags)} }`;
}

/** The fields inside `Intent { … }` (also what ActivityTaskManager logs as `START u0 {…}`). */
export function intentFields(intent: IntentArgs, extraFlags = 0): string {
  const parts: string[] = [];
  if (intent.action !== undefined) parts.push(`act=${intent.action}`);
  if (intent.categories.length > 0) parts.push(`cat=[${intent.categories.join(',')}]`);
  if (intent.data !== undefined) parts.push(`dat=${safeUri(intent.data)}`);
  const flags = intent.flags | extraFlags;
  if (flags !== 0) parts.push(`flg=0x${flags.toString(16)}`);
  if (intent.component !== undefined) parts.push(`cmp=${shortName(intent.component)}`);
  else if (intent.packageName !== undefined) parts.push(`pkg=${intent.packageName}`);
  if (Object.keys(intent.extras).length > 0) parts.push('(has extras)');
  return parts.join(' ');
}
