// serve: the packs API. POST /api/packs queues a pack (202 {id, status_url}); GET /api/packs/<id>
// says where it is; GET /api/packs/<id>.pdf serves it once made. The same inputs and date give the
// same id, so a pack asked for again is the one already made (or being made).
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { parsePackRequest, problemBody, type CorpusIds, type PackRequestBody } from './request.ts';

export type PackStatus = 'queued' | 'running' | 'done' | 'failed';

export interface PackService {
  /** The corpus's audience, report and pack ids, as they are now. */
  ids(): Promise<CorpusIds>;
  /** The date a request without one gets (YYYY-MM-DD, UTC). */
  today(): string;
  /** Queues the pack unless it is made or on its way: its id, or how long to wait when the queue is full. */
  submit(request: PackRequestBody): Promise<{ readonly id: string; readonly status: PackStatus } | { readonly full: true; readonly retryAfterSeconds: number }>;
  status(id: string): Promise<{ readonly status: PackStatus; readonly error?: string } | undefined>;
  /** The made PDF: its file and the name to give it, or undefined. */
  pdf(id: string): Promise<{ readonly file: string; readonly name: string } | undefined>;
  health(): Promise<{ readonly ok: boolean } & Record<string, unknown>>;
}

/** Job ids are 32 hex digits (see run/corpus-id.ts); anything else is not a pack of ours. */
const JOB_ID = /^[0-9a-f]{32}$/;

export function registerPackRoutes(app: FastifyInstance, service: PackService): void {
  app.post('/api/packs', async (request, reply) => {
    const parsed = parsePackRequest(request.body, await service.ids(), service.today());
    if (!parsed.ok) return reply.code(400).send(problemBody(parsed.problems));
    const submitted = await service.submit(parsed.value);
    if ('full' in submitted) {
      return reply.code(429).header('retry-after', String(submitted.retryAfterSeconds))
        .send({ error: `the queue is full; ask again in ${submitted.retryAfterSeconds} s`, retry_after: submitted.retryAfterSeconds });
    }
    const statusUrl = `/api/packs/${submitted.id}`;
    return reply.code(202).header('location', statusUrl).send({ id: submitted.id, status_url: statusUrl, status: submitted.status });
  });

  app.get<{ Params: { file: string } }>('/api/packs/:file', async (request, reply) => {
    const { file } = request.params;
    const pdf = file.endsWith('.pdf');
    const id = pdf ? file.slice(0, -4) : file;
    if (!JOB_ID.test(id)) return reply.code(404).send({ error: `no pack has the id "${id.slice(0, 80)}"; ids are what POST /api/packs answered` });
    if (pdf) {
      const made = await service.pdf(id);
      if (!made) {
        const s = await service.status(id);
        return reply.code(404).send({ error: s ? `pack ${id} is ${s.status}, not made yet` : `no pack has the id ${id}`, status: s?.status ?? null });
      }
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${made.name}.pdf"`)
        .header('cache-control', 'public, max-age=31536000, immutable').send(createReadStream(made.file));
    }
    const s = await service.status(id);
    if (!s) return reply.code(404).send({ error: `no pack has the id ${id}; it may have been asked for before the server restarted: ask again` });
    return { status: s.status, ...(s.error ? { error: s.error } : {}), ...(s.status === 'done' ? { pdf_url: `/api/packs/${id}.pdf` } : {}) };
  });

  app.get('/api/health', async (_request, reply) => {
    const health = await service.health();
    return reply.code(health.ok ? 200 : 503).send(health);
  });
}
