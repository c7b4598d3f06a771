// serve: brief as an HTTP service (fastify): packs on demand (api.ts) and a live preview of the
// documents (preview.ts). Knows nothing of how packs are made or documents built: the command
// (commands/serve.ts) hands it a PackService and a PreviewSource.
//
// Every request but the health probe passes the door first (auth.ts): a bearer token when tokens
// are set (each opens the audiences it grants), else a Host that names this machine. A request
// turned away at the door is answered and its connection closed at once, its body unread: a
// client that drips a body without a token holds nothing. Bodies are JSON of at most BODY_LIMIT
// bytes and must arrive whole within the request timeout, headers within HEADERS_TIMEOUT_MS.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { grantFor, hostAllowed, reaches, type Grant } from './auth.ts';
import { registerPackRoutes, type PackService } from './api.ts';
import { registerPreviewRoutes, type PreviewSource } from './preview.ts';

export { bindProblem, isLoopback, parseGrants } from './auth.ts';
export { QueueUnavailable, type PackService, type PackStatus } from './api.ts';
export type { PageImages, PreviewDocument, PreviewSource, PreviewState } from './preview.ts';
export { parsePackRequest, type CorpusIds, type PackRequestBody } from './request.ts';

/** A pack request is a few ids and a date: 16 KiB is far more than any needs. */
const BODY_LIMIT = 16 * 1024;
/** Headers arrive in one packet from any real client. */
const HEADERS_TIMEOUT_MS = 10_000;
/** How often Node looks for requests past their time (its default, 30 s, would double the bound). */
const CHECK_EVERY_MS = 1_000;

export interface ServerOptions {
  /** The tokens and what each opens; none: loopback only, every audience open. */
  readonly grants: readonly Grant[];
  readonly packs: PackService;
  readonly preview: PreviewSource | undefined;
  /** A request whose body has not arrived whole by then is answered 408 and closed. */
  readonly requestTimeoutMs: number;
  /** Told of each unexpected server error, with its stack. */
  readonly onError: (message: string) => void;
}

export function createServer(options: ServerOptions): FastifyInstance {
  const requestTimeout = options.requestTimeoutMs;
  const serverFactory = (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
    createHttpServer(
      {
        requestTimeout,
        headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
        connectionsCheckingInterval: CHECK_EVERY_MS,
      },
      handler,
    );
  // Open SSE streams would hold close() forever: connections are cut when the server closes.
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    return503OnClosing: true,
    serverFactory,
    requestTimeout,
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/api/health') return;
    if (options.grants.length) {
      const grant = grantFor(options.grants, request.headers.authorization);
      if (!grant) {
        return reply.code(401).header('www-authenticate', 'Bearer').header('connection', 'close').send({
          error: 'a valid token is needed: send "Authorization: Bearer <token>" (BRIEF_TOKEN, or one of BRIEF_TOKENS)',
        });
      }
      reaches.set(request.raw, grant.audiences);
    } else if (!hostAllowed(request.headers.host)) {
      return reply
        .code(403)
        .header('connection', 'close')
        .send({
          error: `this server answers only requests addressed to localhost, not to "${request.headers.host ?? ''}"`,
        });
    } else reaches.set(request.raw, 'all');
  });
  // Turned away at the door: the body is never read, and the connection goes with the answer.
  app.addHook('onResponse', async (request, reply) => {
    if (!reaches.has(request.raw) && request.url !== '/api/health') request.raw.socket?.destroy();
    void reply;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send({ error: `the request body is larger than ${BODY_LIMIT / 1024} KiB` });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply.code(415).send({ error: 'send the request as JSON (Content-Type: application/json)' });
    if (error.statusCode === 400 || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send({
        error: `the request body is not valid JSON: ${error.message.replace(/^Body /, '')}`,
        errors: [
          {
            at: 'request/',
            pointer: '/',
            code: 'E_BAD_TYPE',
            message: 'the body is not valid JSON',
            hint: 'send {"audience": "<id>"}',
          },
        ],
      });
    }
    options.onError(`serve: internal error on ${_request.method} ${_request.url}: ${error.stack ?? error.message}`);
    return reply.code(500).send({ error: 'internal error; the server log says more' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `nothing at ${request.method} ${request.url.slice(0, 200)}` }),
  );

  registerPackRoutes(app, options.packs);
  if (options.preview) registerPreviewRoutes(app, options.preview);
  return app;
}
