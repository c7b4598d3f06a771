// service: the live preview's documents: `brief watch`'s loop (run/watch.ts) building HTML only into
// <out>/serve/preview/, each rebuild, or the located error that stopped it, told to the server; the
// pages of a document looked at printed by the preview's one browser, kept warm between saves
// (preview-pages.ts).
import path from 'node:path';
import type { RunOptions } from '../config/options.ts';
import { InputError } from '../core/diagnostics.ts';
import { formatDiagnostics } from '../core/format.ts';
import type { Io } from '../core/output.ts';
import type { PageImages, PreviewDocument, PreviewSource, PreviewState } from '../serve/index.ts';
import { BrowserSession } from '../print/session.ts';
import { stateDir } from '../run/staging.ts';
import { corpusIds } from './corpus-id.ts';
import { PagePrints } from './preview-pages.ts';
import { serveDir } from './pack-store.ts';
import { watchLoop, type Rebuilt } from '../run/watch.ts';

export class LivePreview implements PreviewSource {
  private current: PreviewState = { version: 0, documents: [], changed: [], error: null, audiences: [] };
  private files = new Map<string, string>();
  private readonly listeners = new Set<(s: PreviewState) => void>();
  private readonly session: BrowserSession;
  private readonly prints: PagePrints;
  /** Each document's page budget, as the last build that read the corpus found it. */
  private budgets = new Map<string, number | undefined>();
  /** Updates are applied in the order of the rebuilds. */
  private chain: Promise<void> = Promise.resolve();
  readonly options: RunOptions;

  constructor(options: RunOptions) {
    this.options = { ...options, outDir: path.join(serveDir(options.outDir), 'preview'), htmlOnly: true };
    // Started on the first look at a document's pages; the builds themselves print nothing.
    this.session = new BrowserSession(options.browser, stateDir(this.options.outDir));
    this.prints = new PagePrints(this.session, path.join(serveDir(options.outDir), 'preview-pages'));
  }

  state(): PreviewState {
    return this.current;
  }

  subscribe(listener: (s: PreviewState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  htmlFile(name: string): string | undefined {
    return this.files.get(name);
  }

  pageImages(name: string): Promise<PageImages> | undefined {
    const html = this.files.get(name);
    return html ? this.prints.pages(name, html) : undefined;
  }

  /** Builds and rebuilds until `stopped` resolves. */
  async run(io: Io, stopped: Promise<void>): Promise<void> {
    try {
      await watchLoop(this.options, this.session, io, stopped, (r) => {
        this.chain = this.chain.then(() => this.update(r)).catch((err: unknown) => io.err(`preview: ${String(err)}`));
      });
      await this.chain;
    } finally {
      await this.session.close();
    }
  }

  private async update(r: Rebuilt): Promise<void> {
    const ids = await corpusIds(this.options.dataDir);
    const audiences = ids.audiences.map((id) => ({
      id,
      label: ids.labels.get(id) ?? id,
      packs: [
        { pack: null, title: `${ids.labels.get(id) ?? id} briefing pack` },
        ...[...ids.packs]
          .filter(([, a]) => a.includes(id))
          .map(([pack]) => ({ pack, title: ids.packTitles.get(pack) ?? pack })),
      ],
    }));
    if (r.result) {
      const { model } = r.result;
      if (model)
        this.budgets = new Map(
          r.result.documents.map((d) => [
            `${d.report}.${d.audience}`,
            (model.audiences.get(d.audience)?.page_budget as Readonly<Record<string, number>> | undefined)?.[d.kind],
          ]),
        );
      const documents: PreviewDocument[] = r.result.documents.map((d) => ({
        name: `${d.report}.${d.audience}`,
        report: d.report,
        audience: d.audience,
        title: d.title,
        kind: d.kind,
        budget: this.budgets.get(`${d.report}.${d.audience}`),
      }));
      this.files = new Map(r.result.documents.map((d) => [`${d.report}.${d.audience}`, d.html]));
      const changed = r.result.documents.filter((d) => d.status === 'built').map((d) => `${d.report}.${d.audience}`);
      this.current = { version: this.current.version + 1, documents, changed, error: null, audiences };
    } else {
      const error =
        r.error instanceof InputError
          ? formatDiagnostics(r.error.diagnostics).join('\n\n')
          : `${r.error.message}${r.error.hint ? `\nhint: ${r.error.hint}` : ''}`;
      this.current = { ...this.current, version: this.current.version + 1, changed: [], error, audiences };
    }
    for (const listener of this.listeners) listener(this.current);
  }
}
