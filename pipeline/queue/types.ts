// queue: what a job queue offers, whichever holds the jobs (this process, or Redis through BullMQ).
// A job has an id chosen by the caller (the same work gets the same id, so it is queued once)
// and data the processor turns into a result kept elsewhere; the queue keeps only states.

export const JobState = { queued: 'queued', running: 'running', done: 'done', failed: 'failed' } as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

export interface JobStatus<D = unknown> {
  readonly state: JobState;
  /** The job's data, as it was submitted. */
  readonly data?: D;
  /** Why it failed, in plain words (the last attempt's error). */
  readonly error?: string;
}

/** A job accepted (new, or the same id already there), or refused because the queue is full. */
export type Submitted =
  | { readonly accepted: true; readonly state: JobState }
  | { readonly accepted: false; readonly retryAfterSeconds: number };

export interface QueueCounts {
  readonly waiting: number;
  readonly running: number;
  /** Jobs waiting or running at most; past it a submission is refused. */
  readonly capacity: number;
}

export interface JobQueue<D> {
  submit(id: string, data: D): Promise<Submitted>;
  /** The job's state, or undefined when the queue does not know it. */
  status(id: string): Promise<JobStatus<D> | undefined>;
  /** Forgets a finished job, so that the same id may be submitted and made again. */
  forget(id: string): Promise<void>;
  /** Leaves a value the workers may read (RedisWorker.note): what the submitter is on now. */
  note?(name: string, value: string): Promise<void>;
  counts(): Promise<QueueCounts>;
  /** Stops taking jobs; the jobs running here finish first. */
  close(): Promise<void>;
}

/** Does one job; throws to fail it (retried, unless the error is a PermanentJobError). */
export type Processor<D> = (data: D) => Promise<void>;

/** A failure that another attempt would only repeat (the request names a report the audience does not get). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/**
 * This worker cannot make the job, but another may (its browser does not answer, or it reads
 * another corpus): the job goes back to the queue without spending an attempt, and the worker
 * steps aside for a while. A queue with one worker (in-process) counts it as a failed attempt.
 */
export class NotHereError extends Error {
  override name = 'NotHereError';
}

/** The queue's store (Redis) does not answer: nothing was queued; the message says where. */
export class QueueDownError extends Error {
  override name = 'QueueDownError';
}

/** Attempts of one job before it is failed: a browser that died, a worker killed mid-job. */
export const ATTEMPTS = 3;

/** Seconds a client is told to wait when the queue is full: the jobs ahead at the time jobs take. */
export function retryAfter(ahead: number, workers: number, averageMs: number | undefined): number {
  const per = averageMs ?? 10_000;
  return Math.max(1, Math.min(600, Math.ceil(((ahead / Math.max(1, workers)) * per) / 1000)));
}
