// commands: `brief lock`: the evidence lock made from every text (run/lock.ts), then what changed (lock-report.ts).
import type { ExitCode } from '../core/diagnostics.ts';
import type { CommandContext } from '../run/command.ts';
import { lockCorpus } from '../run/lock.ts';
import { reportLock } from './lock-report.ts';

export async function main({ options, io }: CommandContext): Promise<ExitCode> {
  return reportLock(io, await lockCorpus(options));
}
