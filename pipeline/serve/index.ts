// serve: brief as an HTTP service (fastify): packs on demand (api.ts) and a live preview of the
// documents (preview.ts). Knows nothing of how packs are made or documents built: the command
// (run/serve.ts) hands it a PackService and a PreviewSource.
//
// Every request but the health probe passes the door first (auth.ts): a bearer token when one is
// set, else a Host that names this machine. Bodies are JSON of at most BODY_LIMIT bytes.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { hostAllowed, tokenMatches } from './auth.ts';
import { registerPackRoutes, type PackService } from './api.ts';
import { registerPreviewRoutes, type PreviewSource } from './preview.ts';

export { bindProblem, isLoopback } from './auth.ts';
export type { PackService, PackStatus } from './api.ts';
export type { PreviewDocument, PreviewSource, PreviewState, PreviewPack } from './preview.ts';
export { parsePackRequest, type CorpusIds, type PackRequestBody } from './request.ts';

/** A pack request is a few ids and a date: 16 KiB is far more than any needs. */
export const BODY_LIMIT = 16 * 1024;

export interface ServerOptions {
  readonly token: string | undefined;
  readonly packs: PackService;
  readonly preview: PreviewSource | undefined;
  /** Told of each unexpected server error, with its stack. */
  readonly onError: (message: string) => void;
}

export function createServer(options: ServerOptions): FastifyInstance {
  // Open SSE streams would hold close() forever: connections are cut when the server closes.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true, return503OnClosing: true });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/api/health') return;
    if (options.token !== undefined) {
      if (!tokenMatches(options.token, request.headers.authorization)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a valid token is needed: send "Authorization: Bearer <BRIEF_TOKEN>"' });
      }
    } else if (!hostAllowed(request.headers.host)) {
      return reply.code(403).send({ error: `this server answers only requests addressed to localhost, not to "${request.headers.host ?? ''}"` });
    }
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: `the request body is larger than ${BODY_LIMIT / 1024} KiB` });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: 'send the request as JSON (Content-Type: application/json)' });
    if (error.statusCode === 400 || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send({ error: `the request body is not valid JSON: ${error.message.replace(/^Body /, '')}`, errors: [{ at: 'request/', pointer: '/', code: 'E_BAD_TYPE', message: 'the body is not valid JSON', hint: 'send {"audience": "<id>"}' }] });
    }
    options.onError(`serve: internal error on ${_request.method} ${_request.url}: ${error.stack ?? error.message}`);
    return reply.code(500).send({ error: 'internal error; the server log says more' });
  });

  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `nothing at ${request.method} ${request.url.slice(0, 200)}` }));

  registerPackRoutes(app, options.packs);
  if (options.preview) registerPreviewRoutes(app, options.preview);
  return app;
}
