// run: what one process keeps warm from build to build (`brief watch`, `brief serve`'s live
// preview): templates compiled once by their source, the chart renderer with the charts it drew,
// and the template check's findings while the templates and audiences stay as they were. A single
// `brief build` makes its own for the one build, so its check and its render compile each template once.
//
// The parsed corpus is kept by content hash (core/parse-cache.ts), so a save re-reads only the file
// it changed; the entries of texts no longer read are dropped after each check.
import type { ChartRenderer } from '../chart/index.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { ParseCache } from '../core/parse-cache.ts';
import { TemplateCache } from '../render/template-cache.ts';

export class Warm {
  /**
   * Whether it lasts from build to build in one process (`brief watch`, the live preview): then
   * printed pages are left open for the next prints (session.pages), and the parsed corpus is kept
   * in memory. Otherwise (a one-off build, a service job) pages are closed, since a service
   * browser caps its open pages and idle ones would use the cap up, and the check's cache is read
   * from and left on disk.
   */
  constructor(readonly lasting = false) {}

  /** Compiled templates by source (Handlebars itself is loaded only when one is compiled). */
  readonly templates = new TemplateCache();
  /** The YAML of the corpus as last read, by the hash of its text. */
  readonly parsed = new ParseCache();
  /** Made on the first document to draw (Vega is imported only then). */
  charts: ChartRenderer | undefined;
  /** The template check's findings and the key of everything they were found on (run/template-check.ts). */
  templateCheck: { readonly key: string; readonly problems: readonly Diagnostic[] } | undefined;
}
