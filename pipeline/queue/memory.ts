// queue: the in-process queue `brief serve` uses by default: bounded (a full queue refuses new
// jobs), a fixed number of jobs at once, a failed attempt retried up to ATTEMPTS times.
import {
  ATTEMPTS,
  PermanentJobError,
  retryAfter,
  type JobQueue,
  type JobState,
  type JobStatus,
  type Processor,
  type QueueCounts,
  type Submitted,
} from './types.ts';

interface Entry<D> {
  readonly data: D;
  state: JobState;
  attempts: number;
  error?: string;
}

/** Finished jobs remembered for status requests; the oldest are forgotten first. */
const HISTORY = 1000;

export class MemoryQueue<D> implements JobQueue<D> {
  private readonly jobs = new Map<string, Entry<D>>();
  private readonly waiting: string[] = [];
  private readonly active = new Set<Promise<void>>();
  private closed = false;
  private durations: number[] = [];

  constructor(
    private readonly process: Processor<D>,
    private readonly options: { readonly capacity: number; readonly concurrency: number },
  ) {}

  // No await before the job is added: the count and the add are one step, however many
  // requests arrive together.
  async submit(id: string, data: D): Promise<Submitted> {
    const known = this.jobs.get(id);
    if (known && known.state !== 'failed') return { accepted: true, state: known.state };
    const running = this.active.size;
    if (this.closed || this.waiting.length + running >= this.options.capacity) {
      return {
        accepted: false,
        retryAfterSeconds: retryAfter(this.waiting.length + 1, this.options.concurrency, this.average()),
      };
    }
    this.jobs.delete(id); // a failed job asked for again starts afresh, at the back
    this.jobs.set(id, { data, state: 'queued', attempts: 0 });
    this.waiting.push(id);
    this.pump();
    return { accepted: true, state: 'queued' };
  }

  async status(id: string): Promise<JobStatus<D> | undefined> {
    const e = this.jobs.get(id);
    return e && { state: e.state, data: e.data, ...(e.error !== undefined ? { error: e.error } : {}) };
  }

  async forget(id: string): Promise<void> {
    const e = this.jobs.get(id);
    if (e && (e.state === 'done' || e.state === 'failed')) this.jobs.delete(id);
  }

  async counts(): Promise<QueueCounts> {
    return { waiting: this.waiting.length, running: this.active.size, capacity: this.options.capacity };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    await Promise.allSettled([...this.active]);
  }

  private average(): number | undefined {
    return this.durations.length ? this.durations.reduce((a, b) => a + b, 0) / this.durations.length : undefined;
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.options.concurrency && this.waiting.length) {
      const id = this.waiting.shift()!;
      const run: Promise<void> = this.run(id).finally(() => {
        this.active.delete(run);
        this.pump();
      });
      this.active.add(run);
    }
  }

  private async run(id: string): Promise<void> {
    const entry = this.jobs.get(id)!;
    entry.state = 'running';
    entry.attempts++;
    const started = Date.now();
    try {
      await this.process(entry.data);
      entry.state = 'done';
      delete entry.error;
      this.durations = [...this.durations.slice(-19), Date.now() - started];
    } catch (err) {
      entry.error = (err as Error).message;
      if (!(err instanceof PermanentJobError) && entry.attempts < ATTEMPTS && !this.closed) {
        entry.state = 'queued';
        this.waiting.unshift(id);
      } else entry.state = 'failed';
    }
    this.forgetOld();
  }

  private forgetOld(): void {
    if (this.jobs.size <= HISTORY + this.options.capacity) return;
    for (const [id, e] of this.jobs) {
      if (this.jobs.size <= HISTORY) break;
      if (e.state === 'done' || e.state === 'failed') this.jobs.delete(id);
    }
  }
}
