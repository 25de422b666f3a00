export { HarnessError, isHarnessError, exitCodeFor, formatError, EXIT } from './harness-error.ts';
export type { HarnessErrorCode, HarnessErrorOptions } from './harness-error.ts';
