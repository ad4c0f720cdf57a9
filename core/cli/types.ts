/** One `blockplan` subcommand. `run` returns the exit status: 0 all succeeded, 1 any failed, 2 usage error. */
export interface CliCommand {
  /** One line for `blockplan --help`. */
  summary: string;
  /** Usage text printed for `blockplan <name> --help` and on usage errors. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Output streams, injectable so tests can capture them. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** Thrown by argument parsing; main() prints the message and the usage and exits 2. */
export class UsageError extends Error {}
