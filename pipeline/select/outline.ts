// select: a document's outline in print order. Body sections (`## ` headings) and the parts the
// templates print from data (what is new, assumptions, voices, turning points, …) are blocks of
// one list, so notes are numbered in the order a reader meets them and an audience's `omit:`
// leaves out either kind by its slug.
import { questionOfSection, type Section } from '../core/sections.ts';
import type { DocKind, Question } from '../validate/index.ts';
import type { BodyBlock } from './types.ts';

const section = (s: Section, question: string | null = null): BodyBlock => ({
  slug: s.slug,
  markdown: question ? s.markdown.replace(/^##[^\n]*\n?/, '') : s.markdown,
  question,
  part: null,
});
const part = (slug: string): BodyBlock => ({ slug, markdown: '', question: null, part: slug });

/**
 * Blocks in print order for one kind. `sections` are the ones the audience reads; `omitted`
 * are the slugs it leaves out. The key judgments and the bottom line sit above every outline.
 */
export function outlineBlocks(
  kind: DocKind,
  sections: readonly Section[],
  questions: readonly Question[],
  omitted: ReadonlySet<string>,
): BodyBlock[] {
  const bySlug = (slug: string) => sections.filter((s) => s.slug === slug).map((s) => section(s));
  const others = (taken: readonly string[]) => sections.filter((s) => !taken.includes(s.slug));
  let blocks: BodyBlock[];
  if (kind === 'policy-brief') {
    const fixed = ['background', 'analysis', 'implications'];
    blocks = [
      part('why-now'),
      ...bySlug('background'),
      ...bySlug('analysis'),
      part('analysis-parts'),
      ...others(fixed).map((s) => section(s)),
      ...bySlug('implications'),
      part('options'),
      part('outlook'),
      part('figures'),
      part('sourcing-note'),
    ];
  } else if (kind === 'comparative-perspectives') {
    const asQuestion = sections.map((s) => ({ s, q: questionOfSection(s, questions) }));
    const firstQuestion = asQuestion.findIndex((x) => x.q);
    const lead = asQuestion.slice(0, firstQuestion < 0 ? asQuestion.length : firstQuestion);
    const rest = firstQuestion < 0 ? [] : asQuestion.slice(firstQuestion);
    const discussed = new Set(rest.flatMap((x) => x.q?.id ?? []));
    // Questions no section discusses get a block of their own after the last one discussed.
    const lastQuestion = rest.map((x) => x.q !== undefined).lastIndexOf(true);
    const questionBlocks = rest.map((x) => section(x.s, x.q?.id ?? null));
    questionBlocks.splice(
      lastQuestion + 1,
      0,
      ...questions
        .filter((q) => !discussed.has(q.id))
        .map((q) => ({ slug: q.id, markdown: '', question: q.id, part: null })),
    );
    blocks = [
      part('summary'),
      ...lead.map((x) => section(x.s)),
      part('voices'),
      part('figures'),
      ...questionBlocks,
      part('blind-spots'),
      part('claim-table'),
    ];
  } else {
    blocks = [
      ...bySlug('coverage-and-date-conventions'),
      part('coverage'),
      part('turning-points'),
      part('figures'),
      ...others(['coverage-and-date-conventions']).map((s) => section(s)),
      part('periods'),
    ];
  }
  return blocks.filter((b) => !(b.part && omitted.has(b.part)));
}
