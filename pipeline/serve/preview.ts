// serve: the live preview. `/` lists each audience's documents and packs; `/preview/<doc>` shows
// a document in a frame and reloads it when the watcher rebuilds it (server-sent events on
// `/events`), or shows the located error of a bad save instead, until it is fixed.
//
// The documents themselves stay script-free: they are served as they are on disk under their own
// Content-Security-Policy (no script at all) inside a frame sandboxed without scripts. Only the
// preview's own pages run a small script, allowed by a nonce on those responses alone.
//
// Each request sees the audiences its token opens (auth.ts): the list names only those, a
// document of another audience is 403, and the event stream names only their documents.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { mayReach, reachOf, type Reach } from './auth.ts';
import { indexPage, wrapperPage } from './pages.ts';

export interface PreviewDocument {
  /** `<report>.<audience>`. */
  readonly name: string;
  readonly report: string;
  readonly audience: string;
  readonly title: string;
  readonly kind: string;
}

interface PreviewPack {
  /** A pack file's id, or null for the audience's own documents. */
  readonly pack: string | null;
  readonly title: string;
}

export interface PreviewState {
  /** Goes up by one with every rebuild, good or bad. */
  readonly version: number;
  readonly documents: readonly PreviewDocument[];
  /** Documents the last rebuild made anew. */
  readonly changed: readonly string[];
  /** The located problems of the last rebuild, as `brief build` prints them; null when it succeeded. */
  readonly error: string | null;
  /** Each audience: its label and the packs it may ask for. */
  readonly audiences: readonly {
    readonly id: string;
    readonly label: string;
    readonly packs: readonly PreviewPack[];
  }[];
}

export interface PreviewSource {
  state(): PreviewState;
  /** Called with every new state; returns the unsubscribe function. */
  subscribe(listener: (state: PreviewState) => void): () => void;
  /** The HTML file of a document of the current state, or undefined. */
  htmlFile(name: string): string | undefined;
}

/** What a document's own meta tag allows, sent again as a header; framed only by the preview. */
const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; frame-ancestors 'self'";
const pageCsp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; img-src data:; frame-ancestors 'none'`;
const DOC_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A comment every so often keeps idle event streams open through proxies. */
const KEEPALIVE_MS = 20_000;

/** The state as one reader may see it: the audiences it may reach, and their documents. */
function visible(s: PreviewState, reach: Reach): PreviewState {
  if (reach === 'all') return s;
  const documents = s.documents.filter((d) => mayReach(reach, d.audience));
  const names = new Set(documents.map((d) => d.name));
  return {
    ...s,
    documents,
    changed: s.changed.filter((n) => names.has(n)),
    audiences: s.audiences.filter((a) => mayReach(reach, a.id)),
  };
}

const eventOf = (s: PreviewState) =>
  `event: build\ndata: ${JSON.stringify({ version: s.version, changed: s.changed, error: s.error, documents: s.documents.map((d) => d.name) })}\n\n`;

function sendPage(reply: FastifyReply, render: (nonce: string) => string): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', pageCsp(nonce))
    .header('cache-control', 'no-store')
    .send(render(nonce));
}

export function registerPreviewRoutes(app: FastifyInstance, source: PreviewSource): void {
  const streams = new Map<ServerResponse, Reach>();
  const unsubscribe = source.subscribe((state) => {
    for (const [s, reach] of streams) s.write(eventOf(visible(state, reach)));
  });
  const keepalive = setInterval(() => {
    for (const s of streams.keys()) s.write(': keep-alive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();
  app.addHook('onClose', async () => {
    unsubscribe();
    clearInterval(keepalive);
    for (const s of streams.keys()) s.end();
    streams.clear();
  });

  app.get('/', async (request, reply) =>
    sendPage(reply, (nonce) => indexPage(visible(source.state(), reachOf(request)), nonce)),
  );
  const elsewhere = (reply: FastifyReply, name: string) =>
    reply.code(403).type('text/plain; charset=utf-8').send(`"${name}" is for an audience this token does not open`);

  app.get<{ Params: { name: string } }>('/preview/:name', async (request, reply) => {
    const { name } = request.params;
    const doc = DOC_NAME.test(name) ? source.state().documents.find((d) => d.name === name) : undefined;
    if (!doc)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`no document "${name.slice(0, 100)}": see the list at /`);
    if (!mayReach(reachOf(request), doc.audience)) return elsewhere(reply, name);
    return sendPage(reply, (nonce) => wrapperPage(visible(source.state(), reachOf(request)), doc, nonce));
  });

  // The document as it is on disk: only names of the current build reach a file, through the source.
  app.get<{ Params: { file: string } }>('/documents/:file', async (request, reply) => {
    const name = request.params.file.replace(/\.html$/, '');
    const file = DOC_NAME.test(name) ? source.htmlFile(name) : undefined;
    const doc = file ? source.state().documents.find((d) => d.name === name) : undefined;
    if (file && (!doc || !mayReach(reachOf(request), doc.audience))) return elsewhere(reply, name);
    if (!file)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`no document "${name.slice(0, 100)}"`);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', DOCUMENT_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(createReadStream(file));
  });

  app.get('/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    const reach = reachOf(request);
    res.write(eventOf(visible(source.state(), reach)));
    streams.set(res, reach);
    request.raw.on('close', () => streams.delete(res));
  });
}
