import { describe, expect, it } from 'vitest';
import { systemDialogsSchema } from '../../config/system-dialogs-schema.ts';
import { resolveSystemDialogHandlers } from './handlers.ts';

describe('systemDialogs', () => {
  it('defaults to no handlers and refuses an unknown answer or entry', () => {
    expect(systemDialogsSchema.parse(undefined)).toEqual([]);
    expect(systemDialogsSchema.safeParse([{ playProtect: 'send' }]).success).toBe(false);
    expect(systemDialogsSchema.safeParse([{ anr: 'ignore' }]).success).toBe(false);
    expect(systemDialogsSchema.safeParse([{ name: 'Battery Prompt', match: { text: 'x' }, tap: { text: 'y' } }]).success).toBe(false);
    expect(systemDialogsSchema.safeParse([{ name: 'battery', match: { text: 'x' } }]).success).toBe(false);
  });

  it('dontSend answers only the security-check question; installAnyway also the blocks, through More details', () => {
    const taps = (config: Parameters<typeof resolveSystemDialogHandlers>[0]) => resolveSystemDialogHandlers(config).map((handler) => handler.taps.map((tap) => tap.value));
    expect(taps([{ playProtect: 'dontSend' }])).toEqual([['new UiSelector().packageName("com.android.vending").text("Don\'t send")']]);
    expect(taps([{ playProtect: 'installAnyway' }]).map((list) => list.map((value) => /text\("([^"]+)"\)/.exec(value)?.[1]))).toEqual([
      ['Install anyway'], ['More details', 'Install anyway'], ["Don't send"],
    ]);
  });

  it('anr wait and close both recognise the ANR dialog by its Wait button, in package android', () => {
    const [wait] = resolveSystemDialogHandlers([{ anr: 'wait' }]);
    const [close] = resolveSystemDialogHandlers([{ anr: 'close' }]);
    expect(wait?.match).toEqual(close?.match);
    expect(wait?.match.value).toContain('packageName("android").resourceId("android:id/aerr_wait")');
    expect(close?.taps[0]?.value).toContain('android:id/aerr_close');
  });

  it('a profile handler keeps its name and turns its selectors into locators', () => {
    const [handler] = resolveSystemDialogHandlers(systemDialogsSchema.parse([{ name: 'battery-prompt', match: { text: 'Let app always run in background?' }, tap: { id: 'android:id/button1' } }]));
    expect(handler).toEqual({
      name: 'battery-prompt',
      match: { using: '-android uiautomator', value: 'new UiSelector().text("Let app always run in background?")' },
      taps: [{ using: 'id', value: 'android:id/button1' }],
    });
  });
});
