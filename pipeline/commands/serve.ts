// commands: `brief serve`: packs on demand over HTTP and a live preview of every document.
//
// 1. check the bind: any address but loopback needs BRIEF_TOKEN (the server refuses to start, saying why)
// 2. the queue: in-process and bounded, its jobs printed here on supervised browsers; or Redis
//    (--queue redis://…), whose jobs `brief worker`s print, here or on other machines
// 3. the live preview: `brief watch`'s loop building HTML into <out>/serve/preview/
// 4. listen until Ctrl-C or SIGTERM; then stop taking requests, let running jobs finish, close the browsers
import { ExitCode, RenderError, UsageError } from '../core/diagnostics.ts';
import type { JobQueue } from '../queue/index.ts';
import { BrowserPool } from '../print/pool.ts';
import type { CommandContext } from '../run/command.ts';
import { CorpusFingerprint, corpusIds } from '../service/corpus-id.ts';
import { stopOnInterrupt } from '../run/interrupt.ts';
import { packProcessor, type PackJobData } from '../service/pack-job.ts';
import { QueuedPacks } from '../service/pack-service.ts';
import { PackStore } from '../service/pack-store.ts';
import { serviceFlags } from '../service/serve-flags.ts';
import { LivePreview } from '../service/serve-preview.ts';
import { plural } from '../core/plural.ts';

export async function main(ctx: CommandContext): Promise<ExitCode> {
  const { options, io, args } = ctx;
  if (args.length) throw new UsageError(`brief serve takes no arguments (got ${args.join(' ')})`);
  const flags = serviceFlags(ctx);
  const { bindProblem, createServer, parseGrants } = await import('../serve/index.ts');
  // 1. the bind, and the tokens: BRIEF_TOKEN opens every audience, BRIEF_TOKENS the ones each names
  const door = parseGrants(process.env.BRIEF_TOKEN || undefined, process.env.BRIEF_TOKENS || undefined);
  if ('problem' in door) throw new UsageError(door.problem);
  const { grants } = door;
  const problem = bindProblem(flags.host, grants);
  if (problem) throw new UsageError(problem);
  // A misspelt audience would open nothing: said at start (the corpus may gain it later, so not refused).
  const { audiences } = await corpusIds(options.dataDir).catch(() => ({ audiences: undefined }));
  for (const g of grants) {
    for (const a of g.audiences === 'all' ? [] : g.audiences) {
      if (audiences && !audiences.includes(a))
        io.err(
          `brief serve: BRIEF_TOKENS names audience "${a}", which this corpus does not have (its audiences: ${audiences.join(', ')}); that token opens nothing of it`,
        );
    }
  }

  // 2. the queue
  const fingerprint = new CorpusFingerprint(options);
  const store = new PackStore(options.outDir, flags.storeKeep);
  const { BadQueueUrlError, MemoryQueue, RedisQueue, checkRedisUrl } = await import('../queue/index.ts');
  let queue: JobQueue<PackJobData>;
  let pool: BrowserPool | undefined;
  let probe: (() => Promise<Record<string, unknown>>) | undefined;
  if (flags.queue) {
    const bad = checkRedisUrl(flags.queue);
    if (bad) throw new UsageError(bad);
    const redis = await RedisQueue.open<PackJobData>(flags.queue, flags.queueSize, io.err).catch((err: Error) => {
      throw err instanceof BadQueueUrlError
        ? new UsageError(err.message)
        : new RenderError(
            err.message,
            'start Redis first (see the README, "brief serve"), or leave --queue out for the in-process queue',
          );
    });
    queue = redis;
    probe = async () => ({ redis: await redis.ping() });
  } else {
    pool = new BrowserPool(
      {
        browser: options.browser,
        endpoints: flags.endpoints,
        maxPages: flags.maxPages,
        restartAfter: flags.restartAfter,
        log: io.info,
      },
      flags.concurrency,
    );
    queue = new MemoryQueue(
      packProcessor({ options, fingerprint, store, log: io.info, workKeep: flags.workKeep }, pool, flags.jobTimeoutMs),
      { capacity: flags.queueSize, concurrency: flags.concurrency },
    );
  }

  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const unhook = stopOnInterrupt(() => stop());
  const preview = new LivePreview(options);
  // Workers tell a stale job (asked on a corpus since saved over) from a corpus of their own by this note.
  const noteCorpus = () => {
    if (queue.note)
      void fingerprint.current().then(
        (c) => queue.note!('corpus', c),
        () => undefined,
      );
  };
  noteCorpus();
  const unnote = preview.subscribe(noteCorpus);
  const app = createServer({
    grants,
    requestTimeoutMs: flags.requestTimeoutMs,
    packs: new QueuedPacks(options, queue, fingerprint, store, probe),
    preview,
    onError: io.err,
  });
  try {
    // 3. the preview builds while the server starts; its page says "build 0" until the first is done
    const previewing = preview.run(io, stopped);
    previewing.catch((err: unknown) => {
      io.err(`brief: the live preview stopped: ${(err as Error).stack ?? String(err)}`);
    });
    // 4. listen
    await app.listen({ host: flags.host, port: flags.port }).catch((err: NodeJS.ErrnoException) => {
      stop();
      throw new UsageError(
        err.code === 'EADDRINUSE'
          ? `port ${flags.port} on ${flags.host} is in use: give another with --port`
          : `cannot listen on ${flags.host}:${flags.port}: ${err.message}`,
      );
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : flags.port;
    const shown = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
    io.err(
      `brief serve: listening on http://${shown}:${port}/ (live preview at /, packs at /api/packs; ${flags.queue ? `queue ${flags.queue.replace(/\/\/[^@/]*@/, '//…@')}` : `in-process queue of ${flags.queueSize}, ${flags.concurrency} at once`}${grants.length ? `; ${plural(grants.length, 'token')} required` : ''}). Ctrl-C to stop.`,
    );
    await stopped;
    await previewing.catch(() => undefined);
    return ExitCode.ok;
  } finally {
    unhook();
    unnote();
    await app.close().catch(() => undefined);
    await queue.close();
    await pool?.close();
    io.info('brief serve: stopped.');
  }
}
