// service: what `brief serve` answers about packs, wired to the queue and the store: a request's id is
// its corpus fingerprint and inputs (corpus-id.ts); a pack already in the store is served as it
// is, one on its way is not queued twice, any other is queued. A pack the queue calls done but
// the store no longer holds whole (its PDF or record removed, or damaged) is queued again.
import { todayUtc, type RunOptions } from '../config/options.ts';
import { QueueDownError, type JobQueue } from '../queue/index.ts';
import { QueueUnavailable, type PackRequestBody, type PackService, type PackStatus } from '../serve/index.ts';
import { corpusIds, packJobId, type CorpusFingerprint } from './corpus-id.ts';
import type { PackJobData } from './pack-job.ts';
import type { PackStore, StoredPack } from './pack-store.ts';

/** Records written before the audience was kept name it in their documents (<report>.<audience>). */
const audienceOf = (meta: StoredPack) => meta.audience ?? meta.documents[0]?.split('.').pop();

/** The queue's outage as the API's 503. */
async function reaching<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof QueueDownError) throw new QueueUnavailable(err.message);
    throw err;
  }
}

export class QueuedPacks implements PackService {
  constructor(
    private readonly options: RunOptions,
    private readonly queue: JobQueue<PackJobData>,
    private readonly fingerprint: CorpusFingerprint,
    private readonly store: PackStore,
    private readonly probe: () => Promise<Record<string, unknown>> = async () => ({}),
  ) {}

  ids() {
    return corpusIds(this.options.dataDir);
  }

  today(): string {
    return todayUtc();
  }

  async submit(request: PackRequestBody) {
    const corpus = await this.fingerprint.current();
    const tool = this.fingerprint.tool;
    const { allowUnverified } = this.options;
    const id = packJobId(corpus, tool, request, allowUnverified);
    await this.queue.note?.('corpus', corpus); // for workers: a job on another corpus is stale, see pack-job.ts
    if (await this.store.has(id)) return { id, status: 'done' as const };
    const data: PackJobData = {
      id,
      audience: request.audience,
      pack: request.pack,
      reports: request.reports,
      date: request.date,
      corpus,
      tool,
      allowUnverified,
    };
    return reaching(async () => {
      let submitted = await this.queue.submit(id, data);
      if (submitted.accepted && submitted.state === 'done') {
        // Made once, but not in the store now: made again.
        await this.queue.forget(id);
        submitted = await this.queue.submit(id, data);
      }
      if (!submitted.accepted) return { full: true as const, retryAfterSeconds: submitted.retryAfterSeconds };
      return { id, status: submitted.state };
    });
  }

  async status(id: string): Promise<{ status: PackStatus; audience: string | undefined; error?: string } | undefined> {
    const meta = await this.store.meta(id);
    if (meta) return { status: 'done', audience: audienceOf(meta) };
    const s = await reaching(() => this.queue.status(id));
    // Done by the queue's account but not in the store (removed since): unknown, to be asked for again.
    if (!s || s.state === 'done') return undefined;
    return { status: s.state, audience: s.data?.audience, ...(s.error !== undefined ? { error: s.error } : {}) };
  }

  async pdf(id: string) {
    const meta = await this.store.meta(id);
    if (meta) await this.store.touch(id);
    return meta && { file: this.store.pdfPath(id), name: meta.name, audience: audienceOf(meta) };
  }

  async health() {
    const counts = await this.queue.counts().catch(() => undefined);
    const more = await this.probe();
    return { ok: counts !== undefined && more.redis !== false, queue: counts ?? null, ...more };
  }
}
