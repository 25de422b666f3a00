import { HarnessError } from '../harness-error.ts';

/** For tests: the HarnessError code `run` throws, undefined when it returns, or what else it threw. */
export function thrownCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HarnessError ? error.code : `not a HarnessError: ${String(error)}`;
  }
  return undefined;
}
