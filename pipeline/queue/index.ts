// queue: pack jobs waiting to be made. In this process by default (memory.ts); in Redis through
// BullMQ for workers on other machines (redis.ts; their side in redis-worker.ts). Knows nothing of
// packs: the caller gives the ids, the data and the function that does a job.
export { MemoryQueue } from './memory.ts';
export { BadQueueUrlError, checkRedisUrl } from './redis-connection.ts';
export { RedisQueue } from './redis.ts';
export { startRedisWorker, type NoteReader } from './redis-worker.ts';
export {
  NotHereError,
  PermanentJobError,
  QueueDownError,
  type JobQueue,
  type Processor,
} from './types.ts';
