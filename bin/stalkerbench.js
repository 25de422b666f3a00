#!/usr/bin/env node
import { importEntry } from './entry.js';

const { main } = await importEntry('harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
