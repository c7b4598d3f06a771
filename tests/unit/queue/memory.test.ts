// queue: the in-process queue is bounded, runs a fixed number of jobs at once, queues an id once,
// retries a failed attempt, and does not retry a failure another attempt would only repeat.
import { describe, expect, it } from 'vitest';
import { MemoryQueue, PermanentJobError } from '../../../pipeline/queue/index.ts';
import { until } from '../../support/until.ts';

const stateOf = async <D>(q: MemoryQueue<D>, id: string) => (await q.status(id))?.state;

describe('the in-process queue', () => {
  it('refuses past its capacity with a wait, and takes the same id once', async () => {
    const gates: (() => void)[] = [];
    const ran: string[] = [];
    const q = new MemoryQueue<string>(
      async (d) => {
        ran.push(d);
        await new Promise<void>((r) => gates.push(r));
      },
      { capacity: 2, concurrency: 1 },
    );
    expect(await q.submit('a', 'a')).toEqual({ accepted: true, state: 'queued' });
    expect(await q.submit('a', 'a')).toEqual({ accepted: true, state: 'running' });
    expect(await q.submit('b', 'b')).toEqual({ accepted: true, state: 'queued' });
    const full = await q.submit('c', 'c');
    expect(full.accepted).toBe(false);
    expect(!full.accepted && full.retryAfterSeconds).toBeGreaterThan(0);
    expect(await q.counts()).toEqual({ waiting: 1, running: 1, capacity: 2 });
    gates.shift()!();
    await until(
      'a to be done and b to run',
      async () => (await stateOf(q, 'a')) === 'done' && (await stateOf(q, 'b')) === 'running',
    );
    expect(await q.status('a')).toMatchObject({ state: 'done' });
    expect(await q.status('b')).toMatchObject({ state: 'running' });
    gates.shift()!();
    await q.close();
    expect(ran).toEqual(['a', 'b']);
  });

  it('retries a failed attempt, but not a permanent failure', async () => {
    let tries = 0;
    const q = new MemoryQueue<string>(
      async (d) => {
        if (d === 'bad') throw new PermanentJobError('no such report for this audience');
        if (++tries < 3) throw new Error('the browser died');
      },
      { capacity: 4, concurrency: 1 },
    );
    await q.submit('flaky', 'flaky');
    await q.submit('bad', 'bad');
    await until(
      'both jobs to end',
      async () => (await stateOf(q, 'flaky')) === 'done' && (await stateOf(q, 'bad')) === 'failed',
    );
    expect(await q.status('flaky')).toMatchObject({ state: 'done' });
    expect(tries).toBe(3);
    expect(await q.status('bad')).toMatchObject({ state: 'failed', error: 'no such report for this audience' });
    expect(await q.status('unknown')).toBeUndefined();
    await q.close();
  });
});

describe('the in-process queue under load', () => {
  it('keeps --queue-size when 20 submissions arrive together: 3 accepted, 17 told to wait', async () => {
    const q = new MemoryQueue<number>(() => new Promise<void>(() => undefined), { capacity: 3, concurrency: 1 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => q.submit(`job-${i}`, i)));
    expect(answers.filter((a) => a.accepted).length).toBe(3);
    expect(answers.filter((a) => !a.accepted && a.retryAfterSeconds > 0).length).toBe(17);
  });

  it('forgets a finished job, so the same id is made again', async () => {
    let runs = 0;
    const q = new MemoryQueue<string>(
      async () => {
        runs++;
      },
      { capacity: 2, concurrency: 1 },
    );
    await q.submit('a', 'a');
    await until('a to be done', async () => (await stateOf(q, 'a')) === 'done');
    expect(await q.submit('a', 'a')).toEqual({ accepted: true, state: 'done' });
    await q.forget('a');
    expect(await q.submit('a', 'a')).toEqual({ accepted: true, state: 'queued' });
    await until('a to be done again', async () => (await stateOf(q, 'a')) === 'done');
    expect(runs).toBe(2);
  });
});
