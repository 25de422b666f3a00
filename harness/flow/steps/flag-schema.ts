import { z } from 'zod';

/** `- back:` (null) and `- back` (the bare word) mean the same as `- back: true`. */
export const flagSchema = z.preprocess((value) => (value === null ? true : value), z.literal(true));
