// run: what every command receives from the CLI, and what it returns.
import type { RunOptions } from '../config/options.ts';
import type { ExitCode } from '../core/diagnostics.ts';
import type { Io } from '../core/output.ts';

export interface CommandContext {
  readonly options: RunOptions;
  /** Positional arguments after the command name. */
  readonly args: readonly string[];
  readonly io: Io;
}

export type CommandMain = (ctx: CommandContext) => Promise<ExitCode>;
