// queue: a worker that cannot make packs steps aside (R5): it stops taking jobs, asks itself again
// after a backoff that doubles while its browser stays dead, says each step in its log, and takes
// jobs again once it can; a second hand-back while aside does not stack another pause.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stepAside } from '../../../pipeline/queue/step-aside.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stepping aside', () => {
  it('pauses, backs off 2, 4, 8 s while the browser is dead, and resumes when it answers', async () => {
    const log: string[] = [];
    const calls: string[] = [];
    const worker = {
      pause: async () => {
        calls.push('pause');
      },
      resume: () => {
        calls.push('resume');
      },
    };
    let dead = 3;
    const aside = stepAside(
      (m) => log.push(m),
      async () => (dead-- > 0 ? 'no browser answers at ws://127.0.0.1:1/x' : undefined),
    );
    aside.stepAside(worker, 'job 1: no browser answers');
    aside.stepAside(worker, 'job 2: no browser answers');
    expect(calls).toEqual(['pause']);
    expect(log[0]).toMatch(
      /went back to the queue for another worker, no attempt spent\. This worker takes no jobs for 2 s/,
    );
    for (const ms of [2_000, 4_000, 8_000, 16_000]) await vi.advanceTimersByTimeAsync(ms);
    expect(log.slice(1)).toEqual([
      'brief worker: still cannot make packs (no browser answers at ws://127.0.0.1:1/x); asks again in 4 s',
      'brief worker: still cannot make packs (no browser answers at ws://127.0.0.1:1/x); asks again in 8 s',
      'brief worker: still cannot make packs (no browser answers at ws://127.0.0.1:1/x); asks again in 16 s',
      'brief worker: takes jobs again',
    ]);
    expect(calls).toEqual(['pause', 'resume']);
    aside.succeeded();
    aside.stepAside(worker, 'job 3: another corpus');
    expect(log.at(-1)).toContain('takes no jobs for 2 s');
    aside.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toEqual(['pause', 'resume', 'pause']);
  });
});
