import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (`*.test.ts`); integration tests that start virtual emulators,
// the real adb server and a real Appium server live in `test/` (`*.int.test.ts`). Each integration
// test file allocates its own ports and HOME, so files may run in parallel.
export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'simulator/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
