// select: splits a Markdown body into its `## ` sections so an audience can leave some out,
// and, in a comparative document, ties each question's section to its side-by-side table.
import type { Question } from '../validate/index.ts';
import type { BodyBlock } from './types.ts';

export interface Section {
  readonly heading: string;
  readonly slug: string;
  readonly markdown: string;
  /** 0-based line of the body on which the section starts. */
  readonly line: number;
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The text before the first `## ` heading has the slug "intro". */
export function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  let current = { heading: '', slug: 'intro', lines: [] as string[], line: 0 };
  for (const [i, line] of body.split('\n').entries()) {
    const m = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) {
      sections.push({ heading: current.heading, slug: current.slug, markdown: current.lines.join('\n'), line: current.line });
      current = { heading: m[1]!, slug: slugify(m[1]!), lines: [line], line: i };
    } else current.lines.push(line);
  }
  sections.push({ heading: current.heading, slug: current.slug, markdown: current.lines.join('\n'), line: current.line });
  return sections.filter((s) => s.markdown.trim() !== '');
}

const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The body as blocks in reading order. A section headed with a question's text (or id) becomes
 * that question's block, its heading left to the table; questions no section discusses get a
 * block of their own after the last question block, so closing sections stay at the close.
 */
export function bodyBlocks(sections: readonly Section[], questions: readonly Question[]): BodyBlock[] {
  const blocks: BodyBlock[] = sections.map((s) => {
    const q = s.heading ? questions.find((x) => plain(x.question) === plain(s.heading) || x.id === s.slug) : undefined;
    return q ? { markdown: s.markdown.replace(/^##[^\n]*\n?/, ''), question: q.id } : { markdown: s.markdown, question: null };
  });
  const discussed = new Set(blocks.map((b) => b.question));
  const rest: BodyBlock[] = questions.filter((q) => !discussed.has(q.id)).map((q) => ({ markdown: '', question: q.id }));
  const lastQuestion = blocks.map((b) => b.question !== null).lastIndexOf(true);
  blocks.splice(lastQuestion >= 0 ? lastQuestion + 1 : blocks.length, 0, ...rest);
  return blocks;
}
