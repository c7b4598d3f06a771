// queue: a Redis queue through BullMQ, shared by `brief serve` (which adds jobs) and any number of
// `brief worker`s on any machine that reaches Redis. BullMQ keeps each running job under a lock
// the worker renews; a worker killed mid-job stops renewing it, and another worker's stalled-job
// check puts the job back in the queue (stalled-job recovery), where the next worker takes it.
//
// Waiting jobs live in Redis only: a Redis that keeps nothing on disk (--save '' without
// --appendonly yes) loses them when it restarts. The README says which persistence to use.
// The connection is in redis-connection.ts, the workers' side in redis-worker.ts.
import type { Redis } from 'ioredis';
import { connect, isDown, NOTES, QUEUE_NAME, shownUrl } from './redis-connection.ts';
import {
  ATTEMPTS,
  QueueDownError,
  retryAfter,
  type JobQueue,
  type JobState,
  type JobStatus,
  type QueueCounts,
  type Submitted,
} from './types.ts';

/** Finished jobs are forgotten after a day: the PDFs are kept by the store, not by Redis. */
const KEEP = { age: 24 * 3600, count: 1000 };

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

/**
 * Submissions hold this lock while they count and add, so that requests arriving together cannot
 * all see room for one more (BullMQ's add cannot run inside our own Lua script). A holder that
 * died loses it after LOCK_TTL_MS.
 */
const SUBMIT_LOCK = `${QUEUE_NAME}:submit-lock`;
const LOCK_TTL_MS = 5_000;
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
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

  /**
   * Waits its turn while the lock passes from submission to submission: a burst of requests on a
   * busy machine queues here rather than failing. Only one holder keeping it past twice its time to
   * live (Redis not expiring it) is a queue that does not work, said as such.
   */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const token = `${process.pid}.${Math.random().toString(36).slice(2)}`;
    let holder: string | null = null;
    let until = Date.now() + LOCK_TTL_MS * 2;
    while ((await this.client.set(SUBMIT_LOCK, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
      const now = await this.client.get(SUBMIT_LOCK);
      if (now !== holder) {
        holder = now;
        until = Date.now() + LOCK_TTL_MS * 2;
      } else if (Date.now() > until)
        throw new QueueDownError(
          `the queue's submission lock in Redis at ${this.shown} stayed with one holder for ${(LOCK_TTL_MS * 2) / 1000} s`,
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
