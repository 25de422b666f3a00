import { z } from 'zod';

/** Flags the pool sets itself for every instance; a profile must not set them. */
const RESERVED_FLAGS = new Set(['-avd', '-port', '-ports']);

export const profileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, ".", "_" and "-" (e.g. pixel-api33)');

const screenSchema = z.strictObject({
  width: z.int().positive(),
  height: z.int().positive(),
  /** Dots per inch, as `wm density` reports it (e.g. 420). */
  density: z.int().positive(),
});

/**
 * A device profile (`emulator-configs/<name>.yaml`): which AVD the pool launches, what it is,
 * how many instances run at once and with which emulator flags.
 */
export const emulatorProfileSchema = z
  .strictObject({
    /** Profile name rounds refer to, e.g. `pixel-api33`. */
    name: profileNameSchema,
    /** AVD name passed to `emulator -avd`. */
    avd: z.string().regex(/^[A-Za-z0-9._-]+$/, 'AVD names use letters, digits, ".", "_" and "-"'),
    apiLevel: z.int().min(21).max(99),
    /** Android release as `ro.build.version.release` shows it, e.g. "13". Quote it in YAML. */
    release: z.string().min(1),
    /** SDK package of the system image, e.g. `system-images;android-33;google_apis;x86_64`. */
    systemImage: z
      .string()
      .regex(/^system-images;android-[\w.-]+;[\w-]+;[\w-]+$/, 'expected system-images;android-<api>;<tag>;<abi>'),
    device: z.strictObject({
      manufacturer: z.string().min(1),
      model: z.string().min(1),
      /** `ro.product.device`, e.g. `emu64x`. */
      name: z.string().min(1),
      screen: screenSchema,
    }),
    /** Emulator snapshot restored before every case. @default "stalkerbench-clean" */
    snapshot: z.string().regex(/^[\w.-]+$/).default('stalkerbench-clean'),
    /** Instances of this AVD the pool may run at once. @default 1 */
    instances: z.int().min(1).max(32).default(1),
    /** Extra `emulator` arguments; `-avd` and `-port` are set by the pool. */
    emulatorFlags: z
      .array(z.string().min(1))
      .default(['-no-window', '-no-audio', '-no-boot-anim'])
      .refine((flags) => !flags.some((flag) => RESERVED_FLAGS.has(flag)), {
        message: '-avd and -port are set by the device pool; remove them',
      }),
    /** Budget for `sys.boot_completed` after launch or snapshot load. @default 180000 */
    bootTimeoutMs: z.int().positive().default(180_000),
  })
  .superRefine((profile, context) => {
    const imageApi = /^system-images;android-(\d+);/.exec(profile.systemImage)?.[1];
    if (imageApi !== undefined && Number(imageApi) !== profile.apiLevel) {
      context.addIssue({
        code: 'custom',
        path: ['systemImage'],
        message: `system image is for API ${imageApi} but apiLevel is ${profile.apiLevel}`,
      });
    }
  });

export type EmulatorProfile = z.output<typeof emulatorProfileSchema>;
export type EmulatorProfileInput = z.input<typeof emulatorProfileSchema>;
