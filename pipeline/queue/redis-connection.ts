// queue: the connection to Redis that the queue (redis.ts) and its workers (redis-worker.ts) open,
// checked to reach the database the --queue URL names, and the names they share in Redis.
import type { Redis, RedisOptions } from 'ioredis';

export const QUEUE_NAME = 'brief-packs';

/** Values the server leaves for the workers (what it is on now), in one hash. */
export const NOTES = `${QUEUE_NAME}:notes`;

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

export const shownUrl = (url: string) => url.replace(/\/\/[^@/]*@/, '//…@');

/** A connection that is ready on the database the URL names, or an error that says what is wrong. */
export async function connect(url: string, options: RedisOptions): Promise<Redis> {
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

/** Redis errors of a connection that is down, as against our own mistakes. */
export const isDown = (err: unknown) =>
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|max retries|Stream isn't writeable|LOADING|enableOfflineQueue/i.test(
    (err as Error)?.message ?? '',
  );
