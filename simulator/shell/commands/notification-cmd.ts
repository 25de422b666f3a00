/** `cmd notification allow_listener|disallow_listener|post` (NotificationManagerService shell command). */
import { startService } from '../../device/activity-manager.ts';
import type { CommandContext } from '../command.ts';
import { parseComponent, shortName } from './intent-args.ts';

const LISTENERS = 'enabled_notification_listeners';

export function runNotificationCmd(context: CommandContext, args: readonly string[]): number {
  const [verb, ...rest] = args;
  const device = context.device;
  switch (verb) {
    case 'allow_listener': case 'disallow_listener': {
      const component = parseComponent(rest[0] ?? '');
      if (component === undefined) {
        context.stderr('Invalid listener - must be a ComponentName\n');
        return 255;
      }
      const flat = `${component.packageName}/${component.className}`;
      const current = (device.getSetting('secure', LISTENERS) ?? '').split(':').filter((entry) => entry !== '' && entry !== flat && entry !== shortName(component));
      if (verb === 'allow_listener') current.push(flat);
      device.putSetting('secure', LISTENERS, current.join(':'));
      if (verb === 'allow_listener' && device.packages.get(component.packageName) !== undefined) {
        startService(device, component.packageName, component.className, false);
      }
      if (verb === 'disallow_listener') device.processes.stopService(component.packageName, component.className);
      return 0;
    }
    case 'post': {
      let title = '';
      let style = '';
      const positional: string[] = [];
      for (let index = 0; index < rest.length; index++) {
        const arg = rest[index] ?? '';
        if (arg === '-t' || arg === '--title') title = rest[++index] ?? '';
        else if (arg === '-S' || arg === '--style') style = rest[++index] ?? '';
        else if (arg === '-c' || arg === '--content-intent' || arg === '-i' || arg === '-I') index++;
        else if (arg.startsWith('-')) continue;
        else positional.push(arg);
      }
      const [tag = 'tag', ...words] = positional;
      const text = words.join(' ');
      // NotificationShellCommand: `-S bigtext` builds a Notification.BigTextStyle whose bigText is the text.
      const record = device.notifications.post({
        packageName: 'com.android.shell', id: 2020, tag, channelId: 'cmdline', title, text, uid: 2000, flags: 0,
        ...(style.toLowerCase() === 'bigtext' ? { bigText: text } : {}),
      });
      context.stdout(`Notification(channel=${record.channelId} shortcut=null contentView=null vibrate=null sound=null defaults=0x0 flags=0x${record.flags.toString(16)} color=0x00000000 vis=PRIVATE)\n`);
      return 0;
    }
    default:
      context.stderr(`Unknown command: ${verb ?? ''}\n`);
      return 255;
  }
}
