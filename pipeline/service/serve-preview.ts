// service: the live preview's documents: `brief watch`'s loop (run/watch.ts) building HTML only into
// <out>/serve/preview/, each rebuild, or the located error that stopped it, told to the server.
import path from 'node:path';
import type { RunOptions } from '../config/options.ts';
import { InputError } from '../core/diagnostics.ts';
import { formatDiagnostics } from '../core/format.ts';
import type { Io } from '../core/output.ts';
import type { PreviewDocument, PreviewSource, PreviewState } from '../serve/index.ts';
import { BrowserSession } from '../print/session.ts';
import { corpusIds } from './corpus-id.ts';
import { serveDir } from './pack-store.ts';
import { watchLoop, type Rebuilt } from '../run/watch.ts';

export class LivePreview implements PreviewSource {
  private current: PreviewState = { version: 0, documents: [], changed: [], error: null, audiences: [] };
  private files = new Map<string, string>();
  private readonly listeners = new Set<(s: PreviewState) => void>();
  private readonly session: BrowserSession;
  /** Updates are applied in the order of the rebuilds. */
  private chain: Promise<void> = Promise.resolve();
  readonly options: RunOptions;

  constructor(options: RunOptions) {
    this.options = { ...options, outDir: path.join(serveDir(options.outDir), 'preview'), htmlOnly: true };
    this.session = new BrowserSession(options.browser); // never started: the preview is HTML only
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
      const documents: PreviewDocument[] = r.result.documents.map((d) => ({
        name: `${d.report}.${d.audience}`,
        report: d.report,
        audience: d.audience,
        title: d.title,
        kind: d.kind,
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
