import { z } from 'zod';
import { defineStep } from '../define-step.ts';

/** Android KeyEvent codes (android.view.KeyEvent: KEYCODE_ENTER 66, BACK 4, HOME 3, APP_SWITCH 187, SEARCH 84). */
export const KEYCODES = { enter: 66, back: 4, home: 3, appSwitch: 187, search: 84 } as const;

/** Press a key: `- pressKey: enter` (enter, back, home, appSwitch, search), through `mobile: pressKey`. */
export const pressKeyStep = defineStep({
  name: 'pressKey',
  args: z.enum(Object.keys(KEYCODES) as [keyof typeof KEYCODES, ...Array<keyof typeof KEYCODES>]),
  run: async (context, key) => {
    await context.driver.execute('mobile: pressKey', { keycode: KEYCODES[key] });
  },
});
