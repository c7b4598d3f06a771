// select: splits a Markdown body into its `## ` sections so an audience can leave some out.

export interface Section {
  readonly heading: string;
  readonly slug: string;
  readonly markdown: string;
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
  let current = { heading: '', slug: 'intro', lines: [] as string[] };
  for (const line of body.split('\n')) {
    const m = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) {
      sections.push({ heading: current.heading, slug: current.slug, markdown: current.lines.join('\n') });
      current = { heading: m[1]!, slug: slugify(m[1]!), lines: [line] };
    } else current.lines.push(line);
  }
  sections.push({ heading: current.heading, slug: current.slug, markdown: current.lines.join('\n') });
  return sections.filter((s) => s.markdown.trim() !== '');
}
