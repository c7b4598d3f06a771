// serve: the live preview. `/` lists each audience's documents and packs; `/preview/<doc>` shows
// a document in a frame and reloads it when the watcher rebuilds it (server-sent events on
// `/events`), or shows the located error of a bad save instead, until it is fixed. The frame shows
// the document as printed, page by page (`/pages/<doc>.html`: each page an image of the print, with
// the page count and the audience's page budget), or as HTML (`/documents/<doc>.html`), and keeps
// the reader on the same page across rebuilds.
//
// The documents themselves stay script-free: they are served as they are on disk under their own
// Content-Security-Policy (no script at all) inside a frame sandboxed without scripts; the page
// view is made here, as script-free, under the same policy but for its images, which come from
// this server only. Only the preview's own pages run a small script, allowed by a nonce on those
// responses alone.
//
// Each request sees the audiences its token opens (auth.ts): the list names only those, a
// document of another audience is 403, and the event stream names only their documents.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayReach, reachOf, type Reach } from './auth.ts';
import { indexPage, pageView, wrapperPage } from './pages.ts';

export interface PreviewDocument {
  /** `<report>.<audience>`. */
  readonly name: string;
  readonly report: string;
  readonly audience: string;
  readonly title: string;
  readonly kind: string;
  /** The most pages its audience allows a document of its kind (page_budget), if it says. */
  readonly budget?: number | undefined;
}

/** A document's pages as printed, drawn as PNG files; `version` changes with the document. */
export interface PageImages {
  readonly version: string;
  /** The resolution the pages were drawn at: they are shown at 96 per inch. */
  readonly dpi: number;
  readonly pages: readonly { readonly file: string; readonly width: number; readonly height: number }[];
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
  /** Its pages as printed (made on first asking, for each version); undefined when there is no such document. */
  pageImages(name: string): Promise<PageImages> | undefined;
}

/** What a document's own meta tag allows, sent again as a header; framed only by the preview. */
const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; frame-ancestors 'self'";
const pageCsp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; img-src data:; frame-ancestors 'none'`;
/** The page view: the document's own policy, and its page images from this server alone. */
const PAGES_CSP = DOCUMENT_CSP.replace('img-src data:', "img-src 'self'");
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

  app.get<{ Params: { name: string }; Querystring: { view?: string } }>('/preview/:name', async (request, reply) => {
    const { name } = request.params;
    const doc = DOC_NAME.test(name) ? source.state().documents.find((d) => d.name === name) : undefined;
    if (!doc)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`no document "${name.slice(0, 100)}": see the list at /`);
    if (!mayReach(reachOf(request), doc.audience)) return elsewhere(reply, name);
    const view = request.query.view === 'html' ? 'html' : 'pages';
    return sendPage(reply, (nonce) => wrapperPage(visible(source.state(), reachOf(request)), doc, nonce, view));
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

  // The pages as printed: the view (script-free), then each page's image. Only documents of the current build, of an audience the token opens.
  const reachable = (request: FastifyRequest, name: string) => {
    const doc = DOC_NAME.test(name) ? source.state().documents.find((d) => d.name === name) : undefined;
    return doc && { doc, allowed: mayReach(reachOf(request), doc.audience) };
  };
  app.get<{ Params: { file: string } }>('/pages/:file', async (request, reply) => {
    const name = request.params.file.replace(/\.html$/, '');
    const found = reachable(request, name);
    const images = found?.allowed ? source.pageImages(name) : undefined;
    if (found && !found.allowed) return elsewhere(reply, name);
    if (!found || !images)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`no document "${name.slice(0, 100)}"`);
    const page = await images.then(
      (set) => pageView(found.doc, set),
      (err: unknown) => pageView(found.doc, (err as Error).message),
    );
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PAGES_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(page);
  });
  app.get<{ Params: { name: string; page: string } }>('/pages/:name/:page', async (request, reply) => {
    const { name } = request.params;
    const n = /^([1-9]\d{0,4})\.png$/.exec(request.params.page);
    const found = reachable(request, name);
    if (found && !found.allowed) return elsewhere(reply, name);
    const set = found && n ? await source.pageImages(name)?.catch(() => undefined) : undefined;
    const image = set?.pages[Number(n?.[1]) - 1];
    if (!image) return reply.code(404).type('text/plain; charset=utf-8').send('no such page');
    return reply
      .type('image/png')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-cache')
      .send(createReadStream(image.file));
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
