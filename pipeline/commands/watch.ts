// commands: `brief watch`: build, then rebuild on every save (run/watch.ts's loop) until Ctrl-C or SIGTERM; exits 0.
import { ExitCode } from '../core/diagnostics.ts';
import { BrowserSession } from '../print/session.ts';
import type { CommandContext } from '../run/command.ts';
import { stopOnInterrupt } from '../run/interrupt.ts';
import { stateDir } from '../run/staging.ts';
import { watchLoop } from '../run/watch.ts';

export async function main({ options, io }: CommandContext): Promise<ExitCode> {
  const session = new BrowserSession(options.browser, stateDir(options.outDir));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const unhook = stopOnInterrupt(() => stop());
  try {
    await watchLoop(options, session, io, stopped);
    return ExitCode.ok;
  } finally {
    unhook();
    await session.close();
    io.info('stopped watching.');
  }
}
