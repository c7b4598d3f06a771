// core: a Markdown body's `## ` sections, by slug: what an audience may omit and what an outline requires.

export interface Section {
  readonly heading: string;
  readonly slug: string;
  readonly markdown: string;
  /** 0-based line of the body on which the section starts. */
  readonly line: number;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The text of a level-2 ATX heading ("## Text", "## Text ##"), or undefined. Written by hand, not
 * as a regular expression: /^##\s+(.+?)\s*#*\s*$/ backtracks cubically on a long run of spaces
 * (80 s on one line). A closing run of "#" counts only after a space, as in CommonMark ("## C#").
 */
export function atxHeading(line: string): string | undefined {
  if (!line.startsWith('##') || !/^\s$/.test(line[2] ?? '')) return undefined;
  let text = line.slice(3).trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end < text.length && (end === 0 || /\s/.test(text[end - 1]!))) text = text.slice(0, end).trimEnd();
  return text === '' ? undefined : text;
}

/** The text before the first `## ` heading has the slug "intro". */
export function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  let current = { heading: '', slug: 'intro', lines: [] as string[], line: 0 };
  for (const [i, line] of body.split('\n').entries()) {
    const heading = atxHeading(line);
    if (heading !== undefined) {
      sections.push({
        heading: current.heading,
        slug: current.slug,
        markdown: current.lines.join('\n'),
        line: current.line,
      });
      current = { heading, slug: slugify(heading), lines: [line], line: i };
    } else current.lines.push(line);
  }
  sections.push({
    heading: current.heading,
    slug: current.slug,
    markdown: current.lines.join('\n'),
    line: current.line,
  });
  return sections.filter((s) => s.markdown.trim() !== '');
}

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The question a section discusses: its heading is the question's text, or its slug the question's id. */
export function questionOfSection<Q extends { readonly id: string; readonly question: string }>(
  section: Section,
  questions: readonly Q[],
): Q | undefined {
  return section.heading
    ? questions.find((q) => plain(q.question) === plain(section.heading) || q.id === section.slug)
    : undefined;
}
