// run: what a build did, in one line a document redone and one line for the rest (`brief build`, watch).
import { displayPath } from '../core/paths.ts';
import type { Io } from '../core/output.ts';
import type { BuildResult } from './build.ts';

/** `rebuilt x.analyst: claim … changed`, one line per document redone, then one line for the rest. */
export function reportBuild(io: Pick<Io, 'info' | 'detail'>, result: BuildResult, ms: number): void {
  for (const d of result.documents.filter((x) => x.status === 'built')) {
    io.info(
      `rebuilt ${d.report}.${d.audience}: ${d.reasons.join('; ')}  → ${displayPath(d.pdf ?? d.html)}${d.pages ? ` (${d.pages} page${d.pages === 1 ? '' : 's'})` : ''}`,
    );
  }
  for (const r of result.removed) io.info(`removed ${r.name}: ${r.reason}`);
  const kept = result.documents.filter((x) => x.status === 'kept');
  for (const d of kept)
    io.detail(`kept ${d.report}.${d.audience}, dated ${d.editionDate}  → ${displayPath(d.pdf ?? d.html)}`);
  if (kept.length) {
    const dates = [...new Set(kept.map((d) => d.editionDate))].join(', ');
    io.info(
      `kept ${kept.length} document${kept.length === 1 ? '' : 's'} (nothing they depend on changed; dated ${dates})`,
    );
  }
  io.info(`${result.documents.length - kept.length} built, ${kept.length} kept in ${(ms / 1000).toFixed(1)} s`);
}
