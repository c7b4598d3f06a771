// select: splits a Markdown body into its `## ` sections so an audience can leave some out,
// and, in a comparative document, ties each question's section to its side-by-side table.

export { splitSections, type Section } from '../core/sections.ts';
