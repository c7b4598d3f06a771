// queue: a worker that cannot make packs (its browser does not answer, it reads another corpus)
// steps aside: it stops taking jobs, so that healthy workers get them, and asks itself again after
// a backoff that doubles up to MAX_MS (while its browser stays dead), saying so in its log.
import type { Worker } from 'bullmq';

const FIRST_MS = 2_000;
const MAX_MS = 60_000;

export interface StepAside {
  /** A job was made here: the next step aside starts from the first backoff again. */
  succeeded(): void;
  /** Stops `worker` taking jobs, for `why`, until `ready` says it can make packs again. */
  stepAside(worker: Pick<Worker, 'pause' | 'resume'>, why: string): void;
  /** No more checks (the worker is closing). */
  stop(): void;
}

export function stepAside(
  log: (message: string) => void,
  ready: (() => Promise<string | undefined>) | undefined,
): StepAside {
  let backoff = 0;
  let aside = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    backoff = Math.min(MAX_MS, backoff ? backoff * 2 : FIRST_MS);
    return backoff;
  };
  return {
    succeeded() {
      backoff = 0;
    },
    stepAside(worker, why) {
      if (aside || stopped) return;
      aside = true;
      void worker.pause(true);
      const wait = next();
      log(
        `brief worker: cannot make this pack here (${why.split('\n')[0]}); it went back to the queue for another worker, no attempt spent. This worker takes no jobs for ${wait / 1000} s`,
      );
      const check = async () => {
        if (stopped) return;
        const still = ready ? await ready().catch((err: Error) => err.message) : undefined;
        if (stopped) return;
        if (still) {
          const again = next();
          log(`brief worker: still cannot make packs (${still.split('\n')[0]}); asks again in ${again / 1000} s`);
          timer = setTimeout(() => void check(), again);
          return;
        }
        aside = false;
        log('brief worker: takes jobs again');
        worker.resume();
      };
      timer = setTimeout(() => void check(), wait);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
