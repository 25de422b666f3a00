import { APP_FAULTS } from '../apps/faults/app-faults.ts';
import { BUILT_IN_FAULTS, type ConsoleFault } from './faults.ts';

/**
 * Every fault `stalkerbench fault <name>` knows. Parts of the simulator add theirs here with one
 * import and one entry (keep the file a plain list).
 */
export const CONSOLE_FAULTS: readonly ConsoleFault[] = [...BUILT_IN_FAULTS, ...APP_FAULTS];
