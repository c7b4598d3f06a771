// build: which documents this run makes: every report for every audience it names, narrowed by flags.
import type { RunOptions } from '../config/options.ts';
import { UsageError } from '../core/diagnostics.ts';
import { didYouMean } from '../core/suggest.ts';
import type { AudienceEntry, Model, Report } from '../model/index.ts';

export interface PlannedDocument {
  readonly report: Report;
  readonly audience: AudienceEntry;
  /** File name without extension: `<report>.<audience>`. */
  readonly name: string;
}

export function planDocuments(model: Model, options: Pick<RunOptions, 'reports' | 'audiences'>): PlannedDocument[] {
  const reportIds = model.reports.map((r) => r.id);
  for (const id of options.reports) {
    if (!reportIds.includes(id))
      throw new UsageError(
        `--report ${id}: there is no such report. ${didYouMean(id, reportIds, `The reports are: ${reportIds.join(', ')}`)}`,
      );
  }
  for (const id of options.audiences) {
    if (!model.audiences.has(id))
      throw new UsageError(
        `--audience ${id}: there is no such audience. ${didYouMean(id, model.audiences.keys(), `The audiences are: ${[...model.audiences.keys()].join(', ')}`)}`,
      );
  }
  const planned: PlannedDocument[] = [];
  for (const report of model.reports) {
    if (options.reports.length && !options.reports.includes(report.id)) continue;
    for (const id of report.audiences) {
      if (options.audiences.length && !options.audiences.includes(id)) continue;
      const audience = model.audiences.get(id);
      if (audience) planned.push({ report, audience, name: `${report.id}.${id}` });
    }
  }
  // An audience or report asked for by name that yields nothing is a mistake, not an empty success.
  for (const id of options.audiences) {
    if (planned.some((d) => d.audience.id === id)) continue;
    const asked = options.reports.length ? ` among --report ${options.reports.join(',')}` : '';
    throw new UsageError(
      `--audience ${id}: no report${asked} goes to audience "${id}". A report goes to the audiences its own \`audiences:\` lists, else those of brief.config.yaml, else every audience its distribution allows; add "${id}" to a report's \`audiences:\`, or ask for another audience.`,
    );
  }
  for (const id of options.reports) {
    if (planned.some((d) => d.report.id === id)) continue;
    throw new UsageError(
      `--report ${id}: report "${id}" goes to none of the audiences asked for (${options.audiences.join(', ')}); it goes to ${model.reports.find((r) => r.id === id)?.audiences.join(', ') || 'no audience'}.`,
    );
  }
  return planned;
}
