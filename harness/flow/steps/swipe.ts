import { z } from 'zod';
import { swipeBetween, type ScreenPercent } from '../../appium/gestures.ts';
import { defineStep } from '../define-step.ts';

const percentSchema = z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)], {
  error: (issue) => (issue.code === 'invalid_type' ? 'expected [x, y] in percent of the screen, e.g. [50, 80]' : undefined),
});

/** The finger's path for each direction, in percent of the screen (the finger moves that way). */
const DIRECTIONS: Record<'up' | 'down' | 'left' | 'right', [ScreenPercent, ScreenPercent]> = {
  up: [{ x: 50, y: 75 }, { x: 50, y: 25 }],
  down: [{ x: 50, y: 25 }, { x: 50, y: 75 }],
  left: [{ x: 85, y: 50 }, { x: 15, y: 50 }],
  right: [{ x: 15, y: 50 }, { x: 85, y: 50 }],
};

/**
 * Swipe: `- swipe: left` (the finger moves left: the next page of a pager) or
 * `- swipe: { from: [50, 80], to: [50, 20] }` in percent of the screen.
 */
export const swipeStep = defineStep({
  name: 'swipe',
  args: z.union([z.enum(['up', 'down', 'left', 'right']), z.strictObject({ from: percentSchema, to: percentSchema })], {
    error: () => 'expected up, down, left, right or { from: [x, y], to: [x, y] } in percent of the screen',
  }),
  run: async (context, args) => {
    const [from, to] = typeof args === 'string' ? DIRECTIONS[args] : [{ x: args.from[0], y: args.from[1] }, { x: args.to[0], y: args.to[1] }];
    await swipeBetween(context.driver, from, to);
  },
});
