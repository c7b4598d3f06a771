// service: one pack job of `brief serve` or `brief worker`: the same makePack `brief pack` calls, on
// the corpus the request was made on, its PDF kept under the job's id.
//
// Concurrency. A job builds in a work folder of its own audience and date, <out>/serve/work/
// <audience>/<date>/, an out/ folder like any other (its documents are kept between jobs, so a
// second pack of the same audience and date reuses them; the most recently used --work-keep
// folders of each audience are kept, see pack-work.ts). Jobs for one work folder run one at a
// time under a lock on it, across processes and machines sharing the folder (proper-lockfile: a
// lock whose holder was killed goes stale in 10 s and is taken over, and the next build sweeps
// what the killed one left). makePack holds the folder's out/ lock from its build to its print;
// the work lock is needed beyond it: the finished PDF is copied into the store after makePack
// has let out/ go, and pruneWork must not remove a folder a job is using. Jobs for other
// audiences or dates run side by side;
// `brief build` into out/ itself is never in their way. The finished PDF is copied into the
// store (pack-store.ts) by its id, written once, atomically, before the work lock is let go.
import type { RunOptions } from '../config/options.ts';
import { InputError, RenderError, UsageError } from '../core/diagnostics.ts';
import { formatDiagnostics } from '../core/format.ts';
import { NotHereError, PermanentJobError, type Processor } from '../queue/index.ts';
import type { BrowserPool } from '../print/pool.ts';
import type { BrowserSession } from '../print/session.ts';
import type { CorpusFingerprint } from './corpus-id.ts';
import { makePack } from '../pack/pack.ts';
import type { PackStore } from './pack-store.ts';
import { lockWork, pruneWork, workDir } from './pack-work.ts';

export interface PackJobData {
  readonly id: string;
  readonly audience: string;
  readonly pack: string | null;
  readonly reports: readonly string[];
  readonly date: string;
  /** The corpus fingerprint the request was made on, and the server's brief (see corpus-id.ts). */
  readonly corpus: string;
  readonly tool: string;
  /** The server's --allow-unverified: a worker makes the pack as the server was asked to. */
  readonly allowUnverified: boolean;
}

export interface PackJobContext {
  /** The folders and browser of this process; a job sets the rest. */
  readonly options: RunOptions;
  readonly fingerprint: CorpusFingerprint;
  readonly store: PackStore;
  readonly log: (message: string) => void;
  /** Work folders kept per audience (--work-keep). */
  readonly workKeep: number;
  /** The corpus fingerprint the server is on now, when it says (a Redis queue's note). */
  readonly serverCorpus?: () => Promise<string | undefined>;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const short = (hash: string) => hash.slice(0, 12);

/** Why the job failed, in the words `brief pack` would use; bad input is not retried. */
function jobError(err: unknown): Error {
  if (err instanceof InputError) return new PermanentJobError(formatDiagnostics(err.diagnostics).join('\n\n'));
  if (err instanceof UsageError) return new PermanentJobError(err.message);
  if (err instanceof RenderError) return new Error(`${err.message}${err.hint ? ` (hint: ${err.hint})` : ''}`);
  return err instanceof Error ? err : new Error(String(err));
}

/** `signal`: aborted when the job is given up; the build stops and nothing more is written (see packProcessor). */
async function runPackJob(
  job: PackJobData,
  session: BrowserSession,
  ctx: PackJobContext,
  signal?: AbortSignal,
): Promise<'made' | 'there'> {
  if (await ctx.store.has(job.id)) return 'there'; // made by another worker, or by one killed after its commit
  if (
    ![job.audience, ...job.reports, ...(job.pack ? [job.pack] : [])].every((id) => ID.test(id)) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(job.date)
  ) {
    throw new PermanentJobError(`job ${job.id} names an id or date that is not one: ${JSON.stringify(job)}`);
  }
  const mismatch = (now: string) =>
    `the corpus here (fingerprint ${short(now)}) is not the one the pack was asked on (${short(job.corpus)}): it changed since, or this worker reads another checkout; ask for the pack again`;
  // Another worker may be on the right brief and corpus: this one hands the job back (NotHereError).
  if (ctx.fingerprint.tool !== job.tool) {
    throw new NotHereError(
      `this worker runs another build of brief (fingerprint ${short(ctx.fingerprint.tool)}) than the server that queued the pack (${short(job.tool)}): install the same version on both, and restart them after a change to brief`,
    );
  }
  const before = await ctx.fingerprint.current();
  if (before !== job.corpus) {
    // The server has moved on since the request (a save): the job is stale, not this worker, and
    // fails as it always did. Otherwise this worker reads another corpus: another may make it.
    const server = await ctx.serverCorpus?.().catch(() => undefined);
    if (server !== undefined && server !== job.corpus) throw new Error(mismatch(before));
    throw new NotHereError(mismatch(before));
  }

  const work = workDir(ctx.options.outDir, job.audience, job.date);
  const release = await lockWork(work);
  try {
    const options: RunOptions = {
      ...ctx.options,
      outDir: work,
      audiences: [job.audience],
      reports: job.reports,
      pack: job.pack ?? undefined,
      editionDate: job.date,
      editionDateGiven: true,
      allowUnverified: job.allowUnverified,
      force: false,
      htmlOnly: false,
      editionId: undefined,
    };
    const result = await makePack(
      options,
      { audience: job.audience, pack: job.pack ?? undefined, reports: job.reports },
      session,
      undefined,
      undefined,
      signal,
    ).catch((err: unknown) => {
      throw signal?.aborted ? signal.reason : jobError(err);
    });
    // The pack must be of the corpus its id names: a save during the build fails it (and the retry says why).
    const after = await ctx.fingerprint.current();
    if (after !== job.corpus) throw new Error(mismatch(after));
    signal?.throwIfAborted(); // given up: not put in the store (the retry makes it)
    await ctx.store.commit(job.id, result.pdf, {
      audience: job.audience,
      name: result.name,
      pages: result.pages,
      editionDate: result.editionDate,
      documents: result.documents.map((d) => `${d.report}.${d.audience}`),
    });
    return 'made';
  } finally {
    await release();
    await pruneWork(ctx.options.outDir, job.audience, ctx.workKeep, ctx.log).catch((err: Error) =>
      ctx.log(`work folders of ${job.audience} not pruned: ${err.message}`),
    );
  }
}

/** How long a job given up may take to stop before it is failed anyway (it checks its signal between steps). */
const STOP_GRACE_MS = 30_000;

/** Resolves when `work` has settled, or after `ms`, saying which. */
function settled(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The queue's processor: a job on a free browser slot, given up after `timeoutMs` (its work is
 * aborted, so it renders, prints and writes nothing more, and its browser is killed, which stops
 * the print; the queue retries the job), the browser counted towards its restart. A job given up
 * fails once its work has stopped (or after STOP_GRACE_MS), so nothing of it outlives the failure:
 * not a write into its staging folder while that folder is removed.
 */
export function packProcessor(ctx: PackJobContext, pool: BrowserPool, timeoutMs: number): Processor<PackJobData> {
  const what = (job: PackJobData) =>
    `pack ${job.id} (${job.audience}${job.pack ? `, pack ${job.pack}` : ''}${job.reports.length ? `, ${job.reports.join('+')}` : ''}, ${job.date})`;
  return (job) =>
    pool.use(async (browser) => {
      const started = Date.now();
      ctx.log(`making ${what(job)}…`);
      const lease = browser.lease();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const reason = new Error(
            `pack ${job.id} did not finish within ${timeoutMs / 1000} s; its browser was restarted`,
          );
          lease.revoke(reason); // aborts lease.signal: the job's work stops and writes nothing more
          void browser.reset();
          reject(reason);
        }, timeoutMs);
      });
      let work: Promise<'made' | 'there'> | undefined;
      try {
        // A browser that does not answer fails every job alike: this worker hands the job back.
        await Promise.race([lease.get(), timeout]).catch((err: unknown) => {
          throw err instanceof RenderError ? new NotHereError(jobError(err).message) : err;
        });
        work = runPackJob(job, lease, ctx, lease.signal);
        const done = await Promise.race([work, timeout]);
        ctx.log(
          `${done === 'made' ? 'made' : 'already made:'} ${what(job)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      } catch (err) {
        ctx.log(
          `pack ${job.id} ${err instanceof NotHereError ? 'cannot be made here' : 'failed'}: ${(err as Error).message.split('\n')[0]}`,
        );
        if (lease.signal.aborted && work && !(await settled(work, STOP_GRACE_MS)))
          ctx.log(`pack ${job.id} given up: its work did not stop within ${STOP_GRACE_MS / 1000} s`);
        throw err;
      } finally {
        clearTimeout(timer);
        await browser.jobDone();
      }
    });
}
