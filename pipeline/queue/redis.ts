// queue: a Redis queue through BullMQ, shared by `brief serve` (which adds jobs) and any number of
// `brief worker`s on any machine that reaches Redis. BullMQ keeps each running job under a lock
// the worker renews; a worker killed mid-job stops renewing it, and another worker's stalled-job
// check puts the job back in the queue (stalled-job recovery), where the next worker takes it.
import type { Redis, RedisOptions } from 'ioredis';
import { ATTEMPTS, PermanentJobError, retryAfter, type JobQueue, type JobState, type JobStatus, type Processor, type QueueCounts, type Submitted } from './types.ts';

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

/** Checks a --queue value: a redis:// or rediss:// URL. Returns an error in plain words, or undefined. */
export function checkRedisUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--queue ${url} is not a URL; give redis://host:port (for example redis://127.0.0.1:6379)`;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') return `--queue ${url}: only redis:// and rediss:// queues are supported`;
  return undefined;
}

/** A connection that is ready, or an error that says where no Redis answered. */
async function connect(url: string, options: RedisOptions): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { ...options, lazyConnect: true, retryStrategy: (times) => Math.min(times * 200, 2_000) });
  const shown = url.replace(/\/\/[^@/]*@/, '//…@');
  // ioredis retries by itself; its errors are kept for the message below, not printed as unhandled.
  let last: string | undefined;
  client.on('error', (err: Error) => { last = err.message; });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5_000); }),
    ]);
    return client;
  } catch (err) {
    client.disconnect();
    throw new Error(`no Redis answers at ${shown} (${last ?? (err as Error).message}); start one (apt-get install redis-server, then redis-server --port 6379) or fix --queue`);
  } finally {
    clearTimeout(timer);
  }
}

const STATES: Record<string, JobState> = {
  waiting: 'queued', delayed: 'queued', prioritized: 'queued', 'waiting-children': 'queued', paused: 'queued',
  active: 'running', completed: 'done', failed: 'failed',
};

export class RedisQueue<D extends object> implements JobQueue<D> {
  private constructor(
    private readonly queue: import('bullmq').Queue,
    private readonly client: Redis,
    private readonly capacity: number,
  ) {}

  static async open<D extends object>(url: string, capacity: number): Promise<RedisQueue<D>> {
    const { Queue } = await import('bullmq');
    // Requests fail fast when Redis is away rather than hang (the worker side waits instead).
    const client = await connect(url, { maxRetriesPerRequest: 1 });
    return new RedisQueue<D>(new Queue(QUEUE_NAME, { connection: client }), client, capacity);
  }

  async submit(id: string, data: D): Promise<Submitted> {
    const existing = await this.queue.getJob(id);
    if (existing) {
      const state = STATES[await existing.getState()];
      if (state && state !== 'failed') return { accepted: true, state };
      await existing.remove().catch(() => undefined); // failed: asked for again, so it starts afresh
    }
    const counts = await this.counts();
    if (counts.waiting + counts.running >= this.capacity) {
      const workers = Math.max(1, (await this.queue.getWorkers().catch(() => [])).length);
      return { accepted: false, retryAfterSeconds: retryAfter(counts.waiting + 1, workers, undefined) };
    }
    await this.queue.add('pack', data, { jobId: id, attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 1_000 }, removeOnComplete: KEEP, removeOnFail: KEEP });
    return { accepted: true, state: 'queued' };
  }

  async status(id: string): Promise<JobStatus | undefined> {
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    const state = STATES[await job.getState()];
    if (!state) return undefined;
    return state === 'failed' ? { state, error: job.failedReason || 'failed' } : { state };
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'paused', 'active');
    return { waiting: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0), running: c.active ?? 0, capacity: this.capacity };
  }

  /** Redis answers (for the health probe). */
  async ping(): Promise<boolean> {
    return this.client.ping().then((r) => r === 'PONG', () => false);
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

/** Takes jobs from the Redis queue and gives each to `process`, `concurrency` at a time. */
export async function startRedisWorker<D>(url: string, process: Processor<D>, options: { readonly concurrency: number; readonly onError?: (message: string) => void }): Promise<RedisWorker> {
  const { Worker, UnrecoverableError } = await import('bullmq');
  // BullMQ's blocking connection must retry forever: a worker outlives a Redis restart.
  const client = await connect(url, { maxRetriesPerRequest: null });
  const worker = new Worker<D>(QUEUE_NAME, async (job) => {
    try {
      await process(job.data);
    } catch (err) {
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
  }, { connection: client, concurrency: options.concurrency, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: ATTEMPTS - 1 });
  worker.on('error', (err) => options.onError?.(`queue: ${err.message}`));
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      client.disconnect();
    },
  };
}
