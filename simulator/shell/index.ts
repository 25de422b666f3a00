export { runShellCommandLine, ShellInterpreter, DEFAULT_ENV } from './interpret.ts';
export { parseScript } from './parse.ts';
export type { Script, Command, CompoundCommand, SimpleCommand, Pipeline, Redirect, AndOrList } from './parse.ts';
export { tokenize, ShellSyntaxError } from './tokenize.ts';
export type { Token, Word, WordPart } from './tokenize.ts';
export { findCommand } from './registry.ts';
export type { CommandContext, ShellCommand } from './command.ts';
