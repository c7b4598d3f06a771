// render: Selection + charts → the plain object the Handlebars templates see. Every field is
// present (null when empty) because the templates run in strict mode.
import type { RenderedChart } from '../chart/index.ts';
import type { Claim } from '../model/index.ts';
import type { Selection } from '../select/index.ts';
import { sourceLabel } from '../core/source-label.ts';
import { formatEdtf } from './dates.ts';
import { outlineView } from './outline-view.ts';
import { LIKELIHOOD_SCALE } from '../core/estimates.ts';

export const KIND_LABEL: Record<string, string> = {
  'policy-brief': 'Policy brief',
  'comparative-perspectives': 'Comparative perspectives',
  chronology: 'Chronology',
};
const STATUS_LABEL: Record<string, string> = {
  exact: 'quote verified (exact)',
  normalized: 'quote verified (typography and markup folded)',
  fuzzy: 'quote verified approximately',
  'not-found': 'UNVERIFIED: quote not found in the source',
  excluded: 'UNVERIFIED: quote found only outside the author’s text',
  'no-text': 'UNVERIFIED: source text not available',
};
/** A verification the evidence lock vouches for (the text was not at hand) names the text it was made against. */
const statusLabel = (a: { status: string; score?: number; elided?: boolean; via?: string; textSha256?: string }) =>
  `${STATUS_LABEL[a.status] ?? a.status}${a.status === 'fuzzy' && a.score !== undefined ? ` (score ${a.score.toFixed(2)}, across a break in the text)` : ''}${a.via === 'lock' && a.textSha256 ? ` against text sha256 ${a.textSha256.slice(0, 8)}… by the evidence lock` : ''}${a.elided ? '; the quote marks an omission' : ''}`;

/** Quotes shown per source and question; the rest are listed by note number. */
const MAX_QUOTES_PER_CELL = 4;

/** The claims that take the clearest positions first, so a long cell keeps what matters. */
function sideBySideQuotes(
  claims: readonly Claim[],
  question: string,
  max: number,
  noteOf: (id: string) => number | undefined,
  unverified: (id: string) => boolean,
) {
  const ranked = [...claims].sort(
    (a, b) =>
      Math.abs(b.stances[question] ?? 0) - Math.abs(a.stances[question] ?? 0) ||
      (noteOf(a.id) ?? 0) - (noteOf(b.id) ?? 0),
  );
  const shown = ranked.slice(0, max);
  const rest = ranked
    .slice(max)
    .map((c) => noteOf(c.id))
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  return {
    quotes: shown.map((c) => ({
      text: c.quote,
      note: noteOf(c.id) ?? null,
      stance: stanceText(c.stances[question]),
      unverified: unverified(c.id),
    })),
    more: rest.length ? { count: rest.length, notes: rest } : null,
  };
}

export type MarkdownFn = (markdown: string, noteOf: (claim: string) => number | undefined) => string;

const stanceText = (v: number | undefined) =>
  v === undefined ? 'not addressed' : `${v > 0 ? '+' : v < 0 ? '\u2212' : ''}${Math.abs(v)}`;

export function buildViewModel(
  sel: Selection,
  charts: readonly RenderedChart[],
  markdown: MarkdownFn,
  editionDate: string,
  css: string,
  editionId: string | null = null,
) {
  const { report, audience } = sel;
  // An audience without notes gets no note numbers and no quotes: every reference below comes out empty.
  const footnotes = audience.notes ? sel.footnotes : [];
  const noteNumber = new Map(footnotes.map((f) => [f.claim.id, f.n]));
  const noteOf = (id: string) => noteNumber.get(id);
  const unverifiedIds = new Set(sel.footnotes.filter((f) => f.unverified).map((f) => f.claim.id));
  const actor = (code: string) => sel.actorNames.get(code) ?? code;
  const { disagreement, commonGround, ...outline } = outlineView(sel, markdown, noteOf);
  const questionView = (q: Selection['questions'][number]) => {
    const cells = sel.stances.filter((s) => s.question.id === q.id);
    const silent = cells.filter((s) => s.stance === undefined).map((s) => sourceLabel(s.source));
    return {
      id: q.id,
      question: q.question,
      low: q.low,
      high: q.high,
      /** From the stance data, never written by hand: "Addressed by 4 of 5 sources". */
      addressed: { count: cells.length - silent.length, of: cells.length, silent: silent.join(', ') || null },
      disagreement: disagreement(q.id).join('; ') || null,
      commonGround: commonGround(q.id),
      rows: sel.stances
        .filter((s) => s.question.id === q.id)
        .map((s) => ({
          source: s.source.title,
          authors: s.source.authors.join(', '),
          perspective: s.source.perspective
            ? (sel.perspectiveNames.get(s.source.perspective) ?? s.source.perspective)
            : null,
          stance: stanceText(s.stance),
          addressed: s.stance !== undefined,
          ...sideBySideQuotes(
            s.claims,
            q.id,
            !audience.notes ? 0 : audience.detail === 'summary' ? 1 : MAX_QUOTES_PER_CELL,
            noteOf,
            (id) => unverifiedIds.has(id),
          ),
        })),
    };
  };

  return {
    lang: 'en',
    css,
    kind: report.kind,
    kindLabel: KIND_LABEL[report.kind] ?? report.kind,
    title: report.title,
    subtitle: report.subtitle ?? null,
    author: report.author ?? 'Brief',
    date: formatEdtf(report.date ?? editionDate),
    editionDate,
    editionLabel: formatEdtf(editionDate),
    /** The archived edition's id, printed in the running footer; null outside an edition. */
    editionId,
    period: report.period ? formatEdtf(report.period) : null,
    marking: sel.marking,
    audience: { id: audience.id, label: audience.label },
    showAnchorStatus: audience.show_anchor_status,
    detail: audience.detail,
    bluf: sel.prose.some((p) => p.slug === 'bluf') ? markdown(report.bluf, noteOf) : null,
    judgments: sel.judgments.map((j, i) => ({
      n: i + 1,
      text: j.text,
      likelihood: j.likelihood ? LIKELIHOOD_SCALE[j.likelihood].label : null,
      range: j.likelihood ? LIKELIHOOD_SCALE[j.likelihood].range : null,
      confidence: j.confidence[0]!.toUpperCase() + j.confidence.slice(1),
      // The condensed version states likelihood and confidence; the basis is the full version's.
      basis: audience.detail === 'full' ? j.basis : null,
      notes: audience.notes ? [...j.notes].sort((a, b) => a - b) : [],
    })),
    ...outline,
    bodyHtml: markdown(sel.body, noteOf),
    charts: charts.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description ?? null,
      alt: c.alt ?? null,
      svg: c.svg,
    })),
    hasCharts: charts.length > 0,
    blocks: sel.blocks.map((b) => ({
      slug: b.slug,
      /** A part printed from data is its own partial, `part-<slug>`, which an audience may override. */
      partial: b.part ? `part-${b.part}` : null,
      html: b.markdown.trim() ? markdown(b.markdown, noteOf) : null,
      question: b.question === null ? null : questionView(sel.questions.find((q) => q.id === b.question)!),
    })),
    events: sel.events.map((e, i) => ({
      n: i + 1,
      date: formatEdtf(e.date),
      title: e.title,
      category: e.category.replace(/-/g, ' '),
      actors: e.actors.map(actor).join(', '),
      note: e.note ?? null,
      notes: e.evidence.map((id) => noteOf(id)).filter((n) => n !== undefined),
    })),
    footnotes: footnotes.map((f) => ({
      n: f.n,
      quote: f.claim.quote,
      statement: f.claim.statement,
      source: sourceLabel(f.source),
      // A written locator wins; else the one computed from where the quote stands (page, or heading and paragraph).
      locator: f.claim.locator ?? f.anchor?.locator ?? null,
      status: statusLabel(f.anchor),
      unverified: f.unverified,
    })),
    sources: sel.cited.map((s) => ({
      label: sourceLabel(s),
      title: s.title,
      authors: s.authors.join(', '),
      published: formatEdtf(s.published),
      kind: s.kind ?? null,
      reliability: s.reliability ?? null,
      reliabilityNote: s.reliability_note ?? null,
      internal: s.distribution === 'internal',
      note: s.note || null,
    })),
    keywords: report.topics.join(', '),
  };
}
