// commands: `brief worker`: takes pack jobs from the Redis queue `brief serve --queue` fills and makes
// them, on Chromium started here or on remote browsers (--browser-ws), from the corpus and out/
// folders it is given (the server's, shared, or a checkout of the same corpus: a job made on
// another corpus than the request's is handed back to the queue, without spending an attempt, for
// another worker; so is any job while its browser does not answer, and the worker steps aside,
// taking no jobs until its browser answers again). Ctrl-C or SIGTERM lets the running jobs
// finish; a worker killed outright loses nothing: its jobs go back to the queue.
import { ExitCode, RenderError, UsageError } from '../core/diagnostics.ts';
import type { NoteReader } from '../queue/index.ts';
import { BrowserPool } from '../print/pool.ts';
import type { CommandContext } from '../run/command.ts';
import { CorpusFingerprint } from '../service/corpus-id.ts';
import { stopOnInterrupt } from '../run/interrupt.ts';
import { packProcessor } from '../service/pack-job.ts';
import { PackStore } from '../service/pack-store.ts';
import { serviceFlags } from '../service/serve-flags.ts';
import { plural } from '../core/plural.ts';

export async function main(ctx: CommandContext): Promise<ExitCode> {
  const { options, io, args } = ctx;
  if (args.length) throw new UsageError(`brief worker takes no arguments (got ${args.join(' ')})`);
  const flags = serviceFlags(ctx);
  if (!flags.queue)
    throw new UsageError(
      'brief worker needs the queue to take jobs from: --queue redis://host:port (the one given to brief serve)',
    );
  const { BadQueueUrlError, checkRedisUrl, startRedisWorker } = await import('../queue/index.ts');
  const bad = checkRedisUrl(flags.queue);
  if (bad) throw new UsageError(bad);

  const pool = new BrowserPool(
    {
      browser: options.browser,
      endpoints: flags.endpoints,
      maxPages: flags.maxPages,
      restartAfter: flags.restartAfter,
      log: io.info,
    },
    flags.concurrency,
  );
  let notes: NoteReader | undefined;
  const context = {
    options,
    fingerprint: new CorpusFingerprint(options),
    store: new PackStore(options.outDir, flags.storeKeep),
    log: io.info,
    workKeep: flags.workKeep,
    serverCorpus: async () => notes?.('corpus'),
  };
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const unhook = stopOnInterrupt(() => stop());
  try {
    const worker = await startRedisWorker(flags.queue, packProcessor(context, pool, flags.jobTimeoutMs), {
      concurrency: flags.concurrency,
      log: io.err,
      ready: () => pool.probe(),
      notes: (read) => {
        notes = read;
      },
    }).catch((err: Error) => {
      throw err instanceof BadQueueUrlError
        ? new UsageError(err.message)
        : new RenderError(err.message, 'start Redis first (see the README, "brief serve"), or fix --queue');
    });
    const where = flags.endpoints.length
      ? `on ${plural(flags.endpoints.length, 'remote browser')}`
      : 'on Chromium started here';
    io.err(
      `brief worker: taking pack jobs from ${flags.queue.replace(/\/\/[^@/]*@/, '//…@')}, ${flags.concurrency} at once, ${where} (pid ${process.pid}). Ctrl-C to stop.`,
    );
    await stopped;
    io.info('brief worker: stopping; running jobs finish first…');
    await worker.close();
    return ExitCode.ok;
  } finally {
    unhook();
    await pool.close();
  }
}
