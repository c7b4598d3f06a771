// run: what one process keeps warm from build to build (`brief watch`, `brief serve`'s live
// preview): templates compiled once by their source, the chart renderer with the charts it drew,
// and the template check's findings while the templates and audiences stay as they were. A single
// `brief build` makes its own for the one build, so its check and its render compile each template once.
//
// The parsed corpus is not kept here: the check keeps it, by content hash, in its own cache
// (run/check.ts); a Warm is what is passed down to the check for it to find such caches by.
import type { ChartRenderer } from '../chart/index.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { TemplateCache } from '../render/template-cache.ts';

export class Warm {
  /** Compiled templates by source (Handlebars itself is loaded only when one is compiled). */
  readonly templates = new TemplateCache();
  /** Made on the first document to draw (Vega is imported only then). */
  charts: ChartRenderer | undefined;
  /** The template check's findings and the key of everything they were found on (run/template-check.ts). */
  templateCheck: { readonly key: string; readonly problems: readonly Diagnostic[] } | undefined;
}
