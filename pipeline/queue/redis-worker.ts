// queue: a `brief worker`'s side of the Redis queue: BullMQ's Worker, which renews the lock of each
// job it runs (so a worker killed mid-job is found stalled and its job goes back to the queue).
import { connect, isDown, NOTES, QUEUE_NAME } from './redis-connection.ts';
import { stepAside } from './step-aside.ts';
import { ATTEMPTS, NotHereError, PermanentJobError, type Processor } from './types.ts';

/**
 * A running job's lock lasts this long and is renewed at half of it; a job whose worker died is
 * found stalled within STALLED_CHECK_MS of its lock running out, so it is back in the queue
 * within about 15 s. Longer than any pause of a worker's event loop (a PDF finished with pdf-lib).
 */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

export interface RedisWorker {
  /** Waits for the jobs running here to finish, then disconnects. */
  close(): Promise<void>;
}

/** Reads what the server noted (RedisQueue.note), through a worker's connection. */
export type NoteReader = (name: string) => Promise<string | undefined>;

export interface RedisWorkerOptions {
  readonly concurrency: number;
  readonly log: (message: string) => void;
  /** Why this worker cannot make packs now (its browser does not answer), or undefined when it can. */
  readonly ready?: () => Promise<string | undefined>;
  /** Given the reader of the server's notes once connected (the processor may need them). */
  readonly notes?: (read: NoteReader) => void;
}

/** A job handed back this many times is failed as usual: no worker anywhere can make it. */
const MAX_HANDBACKS = 20;
/** A job handed back waits this long before any worker takes it again. */
const HANDBACK_DELAY_MS = 1_000;

/**
 * Takes jobs from the Redis queue and gives each to `process`, `concurrency` at a time. A job this
 * worker cannot make (NotHereError) goes back to the queue without spending an attempt, and the
 * worker stops taking jobs until `ready` says it can again (with backoff; see step-aside.ts).
 */
export async function startRedisWorker<D>(
  url: string,
  process: Processor<D>,
  options: RedisWorkerOptions,
): Promise<RedisWorker> {
  const { Worker, UnrecoverableError, DelayedError } = await import('bullmq');
  // BullMQ's blocking connection must retry forever: a worker outlives a Redis restart.
  const client = await connect(url, { maxRetriesPerRequest: null });
  const aside = stepAside(options.log, options.ready);
  options.notes?.(async (name) => (await client.hget(NOTES, name).catch(() => null)) ?? undefined);
  const worker: import('bullmq').Worker<D> = new Worker<D>(
    QUEUE_NAME,
    async (job, token) => {
      try {
        await process(job.data);
        aside.succeeded();
      } catch (err) {
        if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
        const handbacks = Number((job.data as { handbacks?: number }).handbacks ?? 0);
        if (err instanceof NotHereError && handbacks < MAX_HANDBACKS) {
          await job.updateData({ ...job.data, handbacks: handbacks + 1 });
          await job.moveToDelayed(Date.now() + HANDBACK_DELAY_MS, token);
          aside.stepAside(worker, `job ${job.id}: ${err.message}`);
          throw new DelayedError();
        }
        throw err;
      }
    },
    {
      connection: client,
      concurrency: options.concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: ATTEMPTS - 1,
    },
  );
  let down = false;
  worker.on('error', (err) => {
    if (isDown(err)) {
      if (!down) options.log(`queue: ${err.message}; waiting for Redis to answer again`);
      down = true;
    } else options.log(`queue: ${err.message}`);
  });
  client.on('ready', () => {
    if (down) options.log('queue: Redis answers again');
    down = false;
  });
  await worker.waitUntilReady();
  return {
    close: async () => {
      aside.stop();
      await worker.close();
      client.disconnect();
    },
  };
}
