// core: the parts of a report written in its front matter as prose that cites claims, in the
// order a document prints them, each with the slug an audience's `omit:` names it by. Shared by
// model (citations are checked where they are written), select (notes are numbered in reading
// order) and the outline rules.
import type { PathKey } from './yaml-positions.ts';

/** The front-matter fields that hold prose, as model/ and select/ see a report. */
export interface ReportProseFields {
  readonly bluf: string;
  readonly why_now?: string | undefined;
  readonly alternative?: string | undefined;
  readonly assumptions: readonly { readonly text: string; readonly wrong_if: string }[];
  readonly indicators: readonly { readonly text: string; readonly signals: string }[];
  readonly options: readonly { readonly text: string }[];
  readonly outlook?: { readonly text: string } | undefined;
  readonly summary?: { readonly agree: string; readonly differ: string; readonly unresolved: string } | undefined;
  readonly questions: readonly (string | { readonly id: string; readonly common_ground: string })[];
  readonly blind_spots: readonly string[];
  readonly turning_points: readonly { readonly why: string }[];
}

export interface ProsePart {
  /** The slug an audience omits it by. */
  readonly slug: string;
  /** Where it is written in the front matter. */
  readonly path: readonly PathKey[];
  readonly markdown: string;
  /** Prose that states findings and must cite its evidence (a bottom line, a summary), not a forecast or a list of gaps. */
  readonly evidential: boolean;
  /** The question it belongs to, for a question's common ground. */
  readonly question?: string;
}

/**
 * Parts printed by the templates rather than written in prose, by slug: what an audience may
 * omit besides the body's `## ` sections. (The body sections each kind requires are in model/outline.ts.)
 */
export const PART_SLUGS = [
  'bluf',
  'key-judgments',
  'why-now',
  'alternative-view',
  'assumptions',
  'indicators',
  'options',
  'outlook',
  'sourcing-note',
  'summary',
  'voices',
  'common-ground',
  'blind-spots',
  'claim-table',
  'coverage',
  'turning-points',
  'figures',
] as const;

/** Every prose part of the front matter, in the order the templates print them. */
export function reportProse(r: ReportProseFields): ProsePart[] {
  const parts: ProsePart[] = [{ slug: 'bluf', path: ['bluf'], markdown: r.bluf, evidential: true }];
  if (r.summary) {
    for (const key of ['agree', 'differ', 'unresolved'] as const)
      parts.push({ slug: 'summary', path: ['summary', key], markdown: r.summary[key], evidential: true });
  }
  if (r.why_now) parts.push({ slug: 'why-now', path: ['why_now'], markdown: r.why_now, evidential: true });
  if (r.alternative)
    parts.push({ slug: 'alternative-view', path: ['alternative'], markdown: r.alternative, evidential: true });
  r.assumptions.forEach((a, i) => {
    parts.push({ slug: 'assumptions', path: ['assumptions', i, 'text'], markdown: a.text, evidential: false });
    parts.push({ slug: 'assumptions', path: ['assumptions', i, 'wrong_if'], markdown: a.wrong_if, evidential: false });
  });
  r.indicators.forEach((x, i) => {
    parts.push({ slug: 'indicators', path: ['indicators', i, 'text'], markdown: x.text, evidential: false });
    parts.push({ slug: 'indicators', path: ['indicators', i, 'signals'], markdown: x.signals, evidential: false });
  });
  r.options.forEach((o, i) =>
    parts.push({ slug: 'options', path: ['options', i, 'text'], markdown: o.text, evidential: false }),
  );
  if (r.outlook)
    parts.push({ slug: 'outlook', path: ['outlook', 'text'], markdown: r.outlook.text, evidential: false });
  r.questions.forEach((q, i) => {
    if (typeof q !== 'string')
      parts.push({
        slug: 'common-ground',
        path: ['questions', i, 'common_ground'],
        markdown: q.common_ground,
        evidential: true,
        question: q.id,
      });
  });
  r.turning_points.forEach((t, i) =>
    parts.push({ slug: 'turning-points', path: ['turning_points', i, 'why'], markdown: t.why, evidential: true }),
  );
  r.blind_spots.forEach((b, i) =>
    parts.push({ slug: 'blind-spots', path: ['blind_spots', i], markdown: b, evidential: false }),
  );
  return parts;
}

/** Abbreviations a sentence does not end at ("c. 2013", "e.g. the", "U.S. aid", "Mr. Fidan"). */
const NO_BREAK_AFTER = /(?:\b(?:c|ca|cf|e\.g|i\.e|vs|Mr|Mrs|Ms|Dr|St|No|p|pp|para|fn)|\b[A-Z]\.[A-Z])\.$/;

/** Paragraphs of prose, each split into sentences, with each sentence's offset in the text. */
export function sentences(markdown: string): { paragraph: number; text: string; offset: number }[] {
  const out: { paragraph: number; text: string; offset: number }[] = [];
  const sentence = /\S[\s\S]*?(?:[.!?]["”’)\]]*(?=\s|$)|$)/g;
  // A paragraph runs to a blank line; a list item is a paragraph of its own.
  const paragraphs = [...markdown.matchAll(/(?:[^\n]|\n(?![ \t]*(?:\n|[-*+] |\d+\. )))+/g)];
  for (const [paragraph, block] of paragraphs.entries()) {
    let start = -1;
    for (const m of block[0].matchAll(sentence)) {
      if (start < 0) start = m.index;
      const text = block[0].slice(start, m.index + m[0].length).trim();
      if (!text || NO_BREAK_AFTER.test(text)) continue;
      out.push({ paragraph, text, offset: block.index + start });
      start = -1;
    }
    if (start >= 0) out.push({ paragraph, text: block[0].slice(start).trim(), offset: block.index + start });
  }
  return out;
}
