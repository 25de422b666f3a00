#!/usr/bin/env node
// The virtual emulator's executable (the SDK's `emulator/emulator` wrapper runs this).
import { importEntry } from './entry.js';

await importEntry('simulator/cli/emulator.ts');
