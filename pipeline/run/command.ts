// run: what every command receives from the CLI, and what it returns.
import type { RunOptions } from '../config/options.ts';
import type { ExitCode } from '../core/diagnostics.ts';
import type { Io } from '../core/output.ts';

export interface CommandContext {
  readonly options: RunOptions;
  /** Positional arguments after the command name. */
  readonly args: readonly string[];
  readonly io: Io;
  /** The flags as given, for a command's own options (serve, worker) that are not RunOptions. */
  readonly flags?: Readonly<Record<string, string | boolean | string[] | undefined>>;
}

export type CommandMain = (ctx: CommandContext) => Promise<ExitCode>;
