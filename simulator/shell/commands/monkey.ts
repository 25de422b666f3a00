/** `monkey -p <pkg> -c android.intent.category.LAUNCHER 1`: the old way to launch an app by package. */
import { startActivity } from '../../device/activity-manager.ts';
import { launcherIntent } from '../../ui/window-stack.ts';
import type { CommandContext } from '../command.ts';

export function runMonkey(context: CommandContext): number {
  const args = context.args;
  const packageIndex = args.indexOf('-p');
  const packageName = packageIndex < 0 ? undefined : args[packageIndex + 1];
  const echo = args.map((arg) => `  bash arg: ${arg}\n`).join('');
  const record = packageName === undefined ? undefined : context.device.packages.get(packageName);
  const activity = record?.launchableActivity;
  if (packageName === undefined || activity === undefined) {
    context.stdout(`${echo}args: [${args.join(', ')}]\n arg: "${args.join('"\n arg: "')}"\n`);
    context.stderr('** No activities found to run, monkey aborted.\n');
    return 251;
  }
  const result = startActivity(context.device, packageName, activity, `act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] flg=0x10200000 cmp=${packageName}/${activity}`, undefined, launcherIntent(packageName, activity));
  if (!result.ok) {
    context.stderr('** No activities found to run, monkey aborted.\n');
    return 251;
  }
  context.stdout(`${echo}Events injected: 1\n## Network stats: elapsed time=12ms (0ms mobile, 0ms wifi, 12ms not connected)\n`);
  return 0;
}
