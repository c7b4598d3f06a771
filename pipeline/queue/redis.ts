// queue: a Redis queue through BullMQ, shared by `brief serve` (which adds jobs) and any number of
// `brief worker`s on any machine that reaches Redis. BullMQ keeps each running job under a lock
// the worker renews; a worker killed mid-job stops renewing it, and another worker's stalled-job
// check puts the job back in the queue (stalled-job recovery), where the next worker takes it.
//
// Waiting jobs live in Redis only: a Redis that keeps nothing on disk (--save '' without
// --appendonly yes) loses them when it restarts. The README says which persistence to use.
import type { Redis, RedisOptions } from 'ioredis';
import { stepAside } from './step-aside.ts';
import {
  ATTEMPTS,
  NotHereError,
  PermanentJobError,
  QueueDownError,
  retryAfter,
  type JobQueue,
  type JobState,
  type JobStatus,
  type Processor,
  type QueueCounts,
  type Submitted,
} from './types.ts';

export const QUEUE_NAME = 'brief-packs';

/**
 * A running job's lock lasts this long and is renewed at half of it; a job whose worker died is
 * found stalled within STALLED_CHECK_MS of its lock running out, so it is back in the queue
 * within about 15 s. Longer than any pause of a worker's event loop (a PDF finished with pdf-lib).
 */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

/** Finished jobs are forgotten after a day: the PDFs are kept by the store, not by Redis. */
const KEEP = { age: 24 * 3600, count: 1000 };

/** The --queue URL is wrong in a way no retry mends (a database the server does not have): exit 2. */
export class BadQueueUrlError extends Error {
  override name = 'BadQueueUrlError';
}

/** Checks a --queue value: a redis:// or rediss:// URL. Returns an error in plain words, or undefined. */
export function checkRedisUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--queue ${url} is not a URL; give redis://host:port (for example redis://127.0.0.1:6379)`;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    return `--queue ${url}: only redis:// and rediss:// queues are supported`;
  if (parsed.pathname.length > 1 && !/^\/\d{1,5}$/.test(parsed.pathname))
    return `--queue ${url}: the path names the database, a number (redis://host:port/0)`;
  return undefined;
}

const shownUrl = (url: string) => url.replace(/\/\/[^@/]*@/, '//…@');

/** A connection that is ready on the database the URL names, or an error that says what is wrong. */
async function connect(url: string, options: RedisOptions): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    ...options,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  const shown = shownUrl(url);
  // ioredis retries by itself; its errors are kept for the message below, not printed as unhandled.
  let last: string | undefined;
  client.on('error', (err: Error) => {
    last = err.message;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5_000);
      }),
    ]);
  } catch (err) {
    client.disconnect();
    throw new Error(
      `no Redis answers at ${shown} (${last ?? (err as Error).message}); start one (apt-get install redis-server, then redis-server --port 6379 --appendonly yes) or fix --queue`,
    );
  } finally {
    clearTimeout(timer);
  }
  const problem = await databaseProblem(url).catch(() => undefined);
  if (problem) {
    client.disconnect();
    throw new BadQueueUrlError(problem);
  }
  return client;
}

/**
 * Whether Redis has the database the URL names. ioredis selects it on every (re)connection and,
 * when Redis has no such database, only reports an error and goes on in database 0: so it is
 * asked here, once, on a connection of its own.
 */
async function databaseProblem(url: string): Promise<string | undefined> {
  const db = Number(new URL(url).pathname.slice(1) || 0);
  if (db === 0) return undefined;
  const { Redis } = await import('ioredis');
  const probe = new Redis(url, { db: 0, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const refused = await probe.select(db).then(
      () => undefined,
      (err: Error) => err.message,
    );
    if (!refused) return undefined;
    const count = await (probe.config('GET', 'databases') as Promise<string[]>).then(
      (a) => Number(a[1]) || undefined,
      () => undefined,
    );
    return `--queue ${shownUrl(url)}: Redis has no database ${db} (${refused}${count ? `; it has ${count}, numbered 0 to ${count - 1}` : ''}); name one it has, such as redis://…/0`;
  } finally {
    probe.disconnect();
  }
}

const STATES: Record<string, JobState> = {
  waiting: 'queued',
  delayed: 'queued',
  prioritized: 'queued',
  'waiting-children': 'queued',
  paused: 'queued',
  active: 'running',
  completed: 'done',
  failed: 'failed',
};

/** Redis errors of a connection that is down, as against our own mistakes. */
const isDown = (err: unknown) =>
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|max retries|Stream isn't writeable|LOADING|enableOfflineQueue/i.test(
    (err as Error)?.message ?? '',
  );

/**
 * Submissions hold this lock while they count and add, so that requests arriving together cannot
 * all see room for one more (BullMQ's add cannot run inside our own Lua script). A holder that
 * died loses it after LOCK_TTL_MS.
 */
const SUBMIT_LOCK = `${QUEUE_NAME}:submit-lock`;
const LOCK_TTL_MS = 5_000;
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/** Values the server leaves for the workers (what it is on now), in one hash. */
const NOTES = `${QUEUE_NAME}:notes`;

export class RedisQueue<D extends object> implements JobQueue<D> {
  private down = false;
  private constructor(
    private readonly queue: import('bullmq').Queue,
    private readonly client: Redis,
    private readonly capacity: number,
    private readonly log: (message: string) => void,
    private readonly shown: string,
  ) {
    // ioredis reports every failed reconnection; the log says once that Redis is away, and once that it is back.
    const away = (err: Error) => {
      if (this.down) return;
      this.down = true;
      this.log(
        `queue: Redis at ${this.shown} does not answer (${err.message}); requests are answered 503 until it is back`,
      );
    };
    client.on('error', away);
    queue.on('error', away);
    client.on('ready', () => {
      if (!this.down) return;
      this.down = false;
      this.log(`queue: Redis at ${this.shown} answers again`);
    });
  }

  static async open<D extends object>(
    url: string,
    capacity: number,
    log: (message: string) => void = () => undefined,
  ): Promise<RedisQueue<D>> {
    const { Queue } = await import('bullmq');
    // Requests fail fast when Redis is away rather than hang (the worker side waits instead).
    const client = await connect(url, { maxRetriesPerRequest: 1 });
    return new RedisQueue<D>(new Queue(QUEUE_NAME, { connection: client }), client, capacity, log, shownUrl(url));
  }

  /** Runs `fn`, a Redis that does not answer turned into QueueDownError. */
  private async reach<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (this.down || isDown(err)) throw new QueueDownError(`Redis at ${this.shown} does not answer`);
      throw err;
    }
  }

  async submit(id: string, data: D): Promise<Submitted> {
    return this.reach(async () => {
      const existing = await this.queue.getJob(id);
      if (existing) {
        const state = STATES[await existing.getState()];
        if (state && state !== 'failed') return { accepted: true, state } as const;
        await existing.remove().catch(() => undefined); // failed: asked for again, so it starts afresh
      }
      return this.locked(async () => {
        const counts = await this.counts();
        if (counts.waiting + counts.running >= this.capacity) {
          const workers = Math.max(1, (await this.queue.getWorkers().catch(() => [])).length);
          return { accepted: false, retryAfterSeconds: retryAfter(counts.waiting + 1, workers, undefined) } as const;
        }
        await this.queue.add('pack', data, {
          jobId: id,
          attempts: ATTEMPTS,
          backoff: { type: 'fixed', delay: 1_000 },
          removeOnComplete: KEEP,
          removeOnFail: KEEP,
        });
        return { accepted: true, state: 'queued' } as const;
      });
    });
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const token = `${process.pid}.${Math.random().toString(36).slice(2)}`;
    const until = Date.now() + LOCK_TTL_MS * 2;
    while ((await this.client.set(SUBMIT_LOCK, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
      if (Date.now() > until)
        throw new QueueDownError(
          `the queue's submission lock in Redis at ${this.shown} stayed taken for ${(LOCK_TTL_MS * 2) / 1000} s`,
        );
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
    try {
      return await fn();
    } finally {
      await this.client.eval(RELEASE, 1, SUBMIT_LOCK, token).catch(() => undefined);
    }
  }

  async status(id: string): Promise<JobStatus<D> | undefined> {
    return this.reach(async () => {
      const job = await this.queue.getJob(id);
      if (!job) return undefined;
      const state = STATES[await job.getState()];
      if (!state) return undefined;
      return state === 'failed'
        ? { state, data: job.data as D, error: job.failedReason || 'failed' }
        : { state, data: job.data as D };
    });
  }

  async note(name: string, value: string): Promise<void> {
    await this.client.hset(NOTES, name, value).catch(() => undefined);
  }

  async forget(id: string): Promise<void> {
    await this.reach(async () => {
      const job = await this.queue.getJob(id);
      const state = job && (await job.getState());
      if (state === 'completed' || state === 'failed') await job!.remove();
    });
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'paused', 'active');
    return {
      waiting: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0),
      running: c.active ?? 0,
      capacity: this.capacity,
    };
  }

  /** Redis answers (for the health probe). */
  async ping(): Promise<boolean> {
    return this.client.ping().then(
      (r) => r === 'PONG',
      () => false,
    );
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.client.disconnect();
  }
}

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
