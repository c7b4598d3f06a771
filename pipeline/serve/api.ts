// serve: the packs API. POST /api/packs queues a pack (202 {id, status_url}); GET /api/packs/<id>
// says where it is; GET /api/packs/<id>.pdf serves it once made. The same inputs and date give the
// same id, so a pack asked for again is the one already made (or being made). Each answer is for
// the audiences the request's token opens: a pack of another audience is 403, whatever its state.
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { mayReach, reachOf } from './auth.ts';
import { parsePackRequest, problemBody, type CorpusIds, type PackRequestBody } from './request.ts';

export type PackStatus = 'queued' | 'running' | 'done' | 'failed';

/** The queue cannot be reached (Redis is down): the request is answered 503 with this reason. */
export class QueueUnavailable extends Error {
  override name = 'QueueUnavailable';
}

export interface PackService {
  /** The corpus's audience, report and pack ids, as they are now. */
  ids(): Promise<CorpusIds>;
  /** The date a request without one gets (YYYY-MM-DD, UTC). */
  today(): string;
  /** Queues the pack unless it is made or on its way: its id, or how long to wait when the queue is full. Throws QueueUnavailable. */
  submit(
    request: PackRequestBody,
  ): Promise<
    { readonly id: string; readonly status: PackStatus } | { readonly full: true; readonly retryAfterSeconds: number }
  >;
  /** Where the pack is, and its audience; undefined when neither the store nor the queue knows it. */
  status(
    id: string,
  ): Promise<
    { readonly status: PackStatus; readonly audience: string | undefined; readonly error?: string } | undefined
  >;
  /** The made PDF: its file, the name to give it and its audience, or undefined. */
  pdf(
    id: string,
  ): Promise<{ readonly file: string; readonly name: string; readonly audience: string | undefined } | undefined>;
  health(): Promise<{ readonly ok: boolean } & Record<string, unknown>>;
}

/** Job ids are 32 hex digits (see service/corpus-id.ts); anything else is not a pack of ours. */
const JOB_ID = /^[0-9a-f]{32}$/;
const UNKNOWN = (id: string) =>
  `no pack has the id ${id} here: it was never asked for, or the queue lost it (a restart of the server or of Redis) or forgot it (a day after it was made), or its stored PDF was removed. POST the same request again to make it`;

export function registerPackRoutes(app: FastifyInstance, service: PackService): void {
  const unavailable = (err: unknown) => {
    if (!(err instanceof QueueUnavailable)) throw err;
    return { error: `the queue is not reachable now (${err.message}); ask again in a little while`, retry_after: 5 };
  };

  app.post('/api/packs', async (request, reply) => {
    const parsed = parsePackRequest(request.body, await service.ids(), service.today());
    if (!parsed.ok) return reply.code(400).send(problemBody(parsed.problems));
    if (!mayReach(reachOf(request), parsed.value.audience)) {
      return reply.code(403).send({
        error: `this token does not open audience "${parsed.value.audience}"`,
        errors: [
          {
            at: 'request/audience',
            pointer: '/audience',
            code: 'E_AUDIENCE_NOT_ALLOWED',
            message: `the token does not open audience "${parsed.value.audience}"`,
            hint: 'ask for an audience your token opens, or for a token that opens this one',
          },
        ],
      });
    }
    const submitted = await service.submit(parsed.value).catch((err: unknown) => ({ down: unavailable(err) }));
    if ('down' in submitted) return reply.code(503).header('retry-after', '5').send(submitted.down);
    if ('full' in submitted) {
      return reply
        .code(429)
        .header('retry-after', String(submitted.retryAfterSeconds))
        .send({
          error: `the queue is full; ask again in ${submitted.retryAfterSeconds} s`,
          retry_after: submitted.retryAfterSeconds,
        });
    }
    const statusUrl = `/api/packs/${submitted.id}`;
    return reply
      .code(202)
      .header('location', statusUrl)
      .send({ id: submitted.id, status_url: statusUrl, status: submitted.status });
  });

  app.get<{ Params: { file: string } }>('/api/packs/:file', async (request, reply) => {
    const { file } = request.params;
    const pdf = file.endsWith('.pdf');
    const id = pdf ? file.slice(0, -4) : file;
    if (!JOB_ID.test(id))
      return reply
        .code(404)
        .send({ error: `no pack has the id "${id.slice(0, 80)}"; ids are what POST /api/packs answered` });
    const reach = reachOf(request);
    const closed = (audience: string | undefined) =>
      reach !== 'all' && (audience === undefined || !mayReach(reach, audience));
    const forbidden = () => reply.code(403).send({ error: `pack ${id} is for an audience this token does not open` });
    try {
      if (pdf) {
        const made = await service.pdf(id);
        if (made && closed(made.audience)) return forbidden();
        if (!made) {
          const s = await service.status(id);
          if (s && closed(s.audience)) return forbidden();
          return reply
            .code(404)
            .send({ error: s ? `pack ${id} is ${s.status}, not made yet` : UNKNOWN(id), status: s?.status ?? null });
        }
        // Never `public`: a shared cache may then keep a response to a request that carried a token.
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${made.name}.pdf"`)
          .header('cache-control', 'private, max-age=31536000, immutable')
          .send(createReadStream(made.file));
      }
      const s = await service.status(id);
      if (!s) return reply.code(404).send({ error: UNKNOWN(id) });
      if (closed(s.audience)) return forbidden();
      return {
        status: s.status,
        ...(s.error ? { error: s.error } : {}),
        ...(s.status === 'done' ? { pdf_url: `/api/packs/${id}.pdf` } : {}),
      };
    } catch (err) {
      return reply.code(503).header('retry-after', '5').send(unavailable(err));
    }
  });

  app.get('/api/health', async (_request, reply) => {
    const health = await service.health();
    return reply.code(health.ok ? 200 : 503).send(health);
  });
}
