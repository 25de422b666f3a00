/** The shape of one CLI command: one file per command in `harness/cli/`. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Working directory against which relative paths are resolved. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  /** One line for `stalkerbench --help`. */
  summary: string;
  /** The full `--help` text of the command. */
  help: string;
  /** Runs the command; resolves to the process exit code. Throw HarnessError for failures. */
  run(argv: string[], io: CliIo): Promise<number>;
}
