import { z } from 'zod';

export const SELECTOR_KEYS = ['id', 'text', 'textContains', 'desc', 'xpath', 'uiautomator'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

const SELECTOR_HINT = 'expected a selector: a mapping with exactly one of id, text, textContains, desc, xpath, uiautomator';

/**
 * How a UI flow finds an element, with exactly one strategy:
 * - `id`: resource id, fully qualified (`com.sentinelav.mobile:id/scan_button`)
 * - `text` / `textContains`: visible text, exact or partial
 * - `desc`: content description (accessibility label)
 * - `xpath`: XPath over the UiAutomator hierarchy
 * - `uiautomator`: a UiSelector expression (`new UiSelector().className("android.widget.Button")`)
 *
 * @example { id: com.sentinelav.mobile:id/scan_button }
 */
export const selectorSchema = z
  .strictObject(
    {
      id: z.string().regex(/^[A-Za-z][\w.]*:id\/\w+$/, 'expected a fully qualified resource id like com.vendor.app:id/scan_button').optional(),
      text: z.string().min(1).optional(),
      textContains: z.string().min(1).optional(),
      desc: z.string().min(1).optional(),
      xpath: z.string().min(1).optional(),
      uiautomator: z.string().min(1).optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? SELECTOR_HINT : undefined) },
  )
  .superRefine((selector, context) => {
    const present = SELECTOR_KEYS.filter((key) => selector[key] !== undefined);
    if (present.length !== 1) {
      context.addIssue({
        code: 'custom',
        message: present.length === 0
          ? SELECTOR_HINT
          : `a selector uses exactly one strategy, found ${present.join(' and ')}; split it or use xpath`,
      });
    }
  });

export type Selector = z.output<typeof selectorSchema>;
