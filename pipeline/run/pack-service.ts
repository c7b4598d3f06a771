// run: what `brief serve` answers about packs, wired to the queue and the store: a request's id is
// its corpus fingerprint and inputs (corpus-id.ts); a pack already in the store is served as it
// is, one on its way is not queued twice, any other is queued.
import { todayUtc, type RunOptions } from '../config/options.ts';
import type { JobQueue } from '../queue/index.ts';
import type { PackRequestBody, PackService, PackStatus } from '../serve/index.ts';
import { corpusIds, packJobId, type CorpusFingerprint } from './corpus-id.ts';
import type { PackJobData } from './pack-job.ts';
import type { PackStore } from './pack-store.ts';

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
    if (this.store.has(id)) return { id, status: 'done' as const };
    const submitted = await this.queue.submit(id, { id, audience: request.audience, pack: request.pack, reports: request.reports, date: request.date, corpus, tool, allowUnverified });
    if (!submitted.accepted) return { full: true as const, retryAfterSeconds: submitted.retryAfterSeconds };
    return { id, status: submitted.state };
  }

  async status(id: string): Promise<{ status: PackStatus; error?: string } | undefined> {
    if (this.store.has(id)) return { status: 'done' };
    const s = await this.queue.status(id);
    // Done by the queue's account but not in the store (removed since): unknown, to be asked for again.
    if (!s || s.state === 'done') return undefined;
    return { status: s.state, ...(s.error !== undefined ? { error: s.error } : {}) };
  }

  async pdf(id: string) {
    const meta = await this.store.meta(id);
    return meta && { file: this.store.pdfPath(id), name: meta.name };
  }

  async health() {
    const counts = await this.queue.counts().catch(() => undefined);
    const more = await this.probe();
    return { ok: counts !== undefined && more.redis !== false, queue: counts ?? null, ...more };
  }
}
