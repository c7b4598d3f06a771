// archive: an edition's changes → the public CHANGELOG.md (what any audience may read) and, when
// the corpus holds internal material, CHANGELOG.internal.md (everything, marked Internal).
// One changelog sat beside the public packs and quoted internal claims verbatim (R16): a change
// that touches internal material is now counted in the public one, never quoted.
import type { Cell } from '../validate/index.ts';
import type { Change, FieldChange } from './changelog-kinds.ts';
import { changelogMarkdown, changeCounts, type EditionOutputs, type EditionRef } from './changelog-markdown.ts';
import type { CorpusSummary } from './summary.ts';

export const INTERNAL_CHANGELOG = 'CHANGELOG.internal.md';

const INTERNAL_BANNER = `> **Internal.** This changelog quotes the corpus's internal material (sources marked
> \`distribution: internal\`, their claims, and what rests only on them). Give it only to readers
> who may receive internal material; \`CHANGELOG.md\` is the one for everyone else.
`;

/** Whether the summary holds anything internal: then an edition writes CHANGELOG.internal.md. */
const holdsInternal = (s: CorpusSummary): boolean =>
  Object.values(s.sources).some((x) => x.distribution === 'internal') ||
  Object.values(s.reports).some((r) => r.internal === true);

/** Decides, for one pair of summaries, whether a change touches internal material. */
function classifier(before: CorpusSummary, after: CorpusSummary) {
  const sourceInternal = (id: string) =>
    before.sources[id]?.distribution === 'internal' || after.sources[id]?.distribution === 'internal';
  const claimInternal = (id: string) =>
    [before.claims[id]?.source, after.claims[id]?.source].some((s) => s !== undefined && sourceInternal(s));
  // Evidence all internal (none at all withholds nothing), as select leaves such a judgment or row out.
  const allInternal = (ids: readonly string[]) => ids.length > 0 && ids.every(claimInternal);
  const judgmentInternal = (report: string, n: number, s: CorpusSummary) =>
    allInternal(s.judgments[report]?.[n - 1]?.evidence ?? []);
  const rowInternal = (id: string, position: number, s: CorpusSummary) => {
    const data = s.datasets[id];
    const row: Readonly<Record<string, Cell>> | undefined = data?.rows[position - 1];
    if (!data || !row) return false;
    const ids = Object.entries(data.columns)
      .filter(([, c]) => c.type === 'claim')
      .flatMap(([name]) =>
        String(row[name] ?? '')
          .split(/\s+/)
          .filter(Boolean),
      );
    return allInternal(ids);
  };
  const reportInternal = (id: string) => before.reports[id]?.internal === true || after.reports[id]?.internal === true;
  return (c: Change): boolean => {
    switch (c.kind) {
      case 'claim-added':
      case 'claim-removed':
      case 'claim-changed':
        return claimInternal(c.id) || ('claim' in c && sourceInternal(c.claim.source));
      case 'source-added':
      case 'source-removed':
      case 'source-regraded':
      case 'source-changed':
        return sourceInternal(c.id);
      case 'event-added':
      case 'event-removed':
      case 'event-redated':
      case 'event-changed':
        return before.events[c.id]?.internal === true || after.events[c.id]?.internal === true;
      case 'judgment-added':
      case 'judgment-changed':
        return (
          reportInternal(c.id) ||
          judgmentInternal(c.id, c.judgment, after) ||
          (c.kind === 'judgment-changed' && judgmentInternal(c.id, c.was, before))
        );
      case 'judgment-removed':
        return reportInternal(c.id) || judgmentInternal(c.id, c.judgment, before);
      case 'dataset-row-added':
      case 'dataset-row-changed':
        return rowInternal(c.id, c.position, after);
      case 'dataset-row-removed':
        return rowInternal(c.id, c.position, before);
      case 'report-added':
      case 'report-removed':
      case 'report-changed':
      case 'report-bluf-changed':
      case 'report-sections-changed':
        return reportInternal(c.id);
      default:
        return false;
    }
  };
}

/** A public change with the internal claim ids taken out of its evidence lists (a judgment's mixed evidence). */
function withoutInternalIds(c: Change, claimInternal: (id: string) => boolean): Change {
  if (c.kind !== 'judgment-changed') return c;
  const strip = (f: FieldChange): FieldChange =>
    f.field === 'evidence' && Array.isArray(f.from) && Array.isArray(f.to)
      ? {
          ...f,
          from: (f.from as string[]).filter((id) => !claimInternal(id)),
          to: (f.to as string[]).filter((id) => !claimInternal(id)),
        }
      : f;
  const fields = c.fields
    .map(strip)
    .filter((f) => f.field !== 'evidence' || JSON.stringify(f.from) !== JSON.stringify(f.to));
  return { ...c, fields };
}

/** Splits changes into those any audience may read and those that touch internal material. */
function splitChanges(
  changes: readonly Change[],
  before: CorpusSummary,
  after: CorpusSummary,
): { open: Change[]; internal: Change[] } {
  const internalOf = classifier(before, after);
  const claimInternal = (id: string) =>
    [before.claims[id]?.source, after.claims[id]?.source].some(
      (s) =>
        s !== undefined &&
        (before.sources[s]?.distribution === 'internal' || after.sources[s]?.distribution === 'internal'),
    );
  const open: Change[] = [];
  const internal: Change[] = [];
  for (const c of changes) {
    if (internalOf(c)) internal.push(c);
    else {
      const stripped = withoutInternalIds(c, claimInternal);
      // A judgment whose only change was internal evidence is, for the public, no change.
      if (stripped.kind === 'judgment-changed' && stripped.fields.length === 0) internal.push(c);
      else open.push(stripped);
    }
  }
  return { open, internal };
}

export interface Changelogs {
  /** CHANGELOG.md: what every audience may read. */
  readonly open: string;
  /** CHANGELOG.internal.md, or null when the corpus holds nothing internal. */
  readonly internal: string | null;
}

/**
 * Both changelogs of an edition. `documentsChanged` lists, per changelog, the documents whose
 * content changed (the public one names only documents of audiences that may not receive
 * internal material). A first edition compares with an empty summary.
 */
export function editionChangelogs(
  changes: readonly Change[],
  before: CorpusSummary,
  after: CorpusSummary,
  from: EditionRef | null,
  to: EditionRef,
  outputs: EditionOutputs,
  documentsChanged?: { open: readonly string[]; all: readonly string[] },
): Changelogs {
  const documents = (names: readonly string[] | undefined) =>
    names === undefined
      ? ''
      : `\n## Documents whose content changed\n\n${names.length ? names.map((n) => `- ${n}`).join('\n') : 'None: every document says what it said in the previous edition.'}\n`;
  const hasInternal = holdsInternal(before) || holdsInternal(after);
  if (!hasInternal)
    return { open: changelogMarkdown(changes, from, to, outputs) + documents(documentsChanged?.all), internal: null };
  const { open, internal } = splitChanges(changes, before, after);
  const note =
    internal.length === 0
      ? ''
      : `\n## Internal material\n\n${changeCounts(internal)} to internal material (internal sources, their claims, and what rests only on them) ${internal.length === 1 ? 'is' : 'are'} counted here, not listed: see ${INTERNAL_CHANGELOG}, for readers who may receive internal material.\n`;
  return {
    open: changelogMarkdown(open, from, to, outputs) + note + documents(documentsChanged?.open),
    internal: `${INTERNAL_BANNER}\n${changelogMarkdown(changes, from, to, outputs)}${documents(documentsChanged?.all)}`,
  };
}
