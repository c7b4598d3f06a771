// core: a Markdown body's `## ` sections, by slug: what an audience may omit and what an outline requires.

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

/** The question a section discusses: its heading is the question's text, or its slug the question's id. */
export function questionOfSection<Q extends { readonly id: string; readonly question: string }>(section: Section, questions: readonly Q[]): Q | undefined {
  return section.heading ? questions.find((q) => plain(q.question) === plain(section.heading) || q.id === section.slug) : undefined;
}
