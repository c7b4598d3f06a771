// run: the files `brief init` writes: a corpus that builds at once and shows every kind of file —
// a config, a source with its own text, two claims, an audience, and a policy brief with every
// part of its outline. The example is plainly an example (a fictional river-port agreement), so
// nobody mistakes it for findings.

export const INIT_FILES: Readonly<Record<string, string>> = {
  'brief.config.yaml': `# Settings for this corpus; brief reads them from the folder it runs in.
data: data
out: out
# Folders to look for source texts in, besides data/sources/text (texts you may not share).
texts: []
# Dated editions (brief edition): commit this folder; out/ is disposable, the archive is not.
archive: editions
# Your own templates/ and styles/ beside data/ are laid over brief's, file by file: keep there only
# what you change (brief templates lists what there is; brief templates copy NAME starts an override).
`,
  '.gitignore': `# Everything under out/ is made again by brief build; editions/ is the archive: keep it.
out/
`,
  'data/actors.yaml': `# The actors claims and events are about: a code, a name, and the other names prose uses.
- { id: AA, name: Alderland, aliases: [Alder, Alderish] }
- { id: BB, name: Brookmere, aliases: [Brook] }
`,
  'data/perspectives.yaml': `# Where sources write from; two perspectives with one base are one side.
- id: alderland-ministry
  label: Alderland ministry
  base: Alder
- id: independent-analyst
  label: Independent analyst
  base: independent
`,
  'data/audiences.yaml': `# Who documents are made for (see the README of brief: "Adding or customising an audience").
- id: team
  label: Team
  description: Everyone in the team, with every note and how each quote was verified.
  detail: full
  distribution: [public, internal]
  marking: Team copy
  show_anchor_status: true
`,
  'data/sources/example-note-2026.md': `---
id: example-note-2026
title: "Example note: a river-port agreement between Alderland and Brookmere"
authors: [Example Analyst]
published: "2026-01"
kind: analysis
perspective: independent-analyst
reliability: F
reliability_note: An invented text that ships with brief init, to show the shape of a corpus. Replace it with your own sources.
text: example-note-2026.txt
---
Our note on the source, in our own words: what it is, who wrote it, and how far to trust it.
`,
  'data/sources/text/example-note-2026.txt': `EXAMPLE NOTE (an invented text for brief init)

In January 2026 Alderland and Brookmere signed an agreement to share the river port of Millford.
The agreement sets up a joint port authority and opens the port to ships of both countries.
Officials in Alderland expect the port to handle twice as much cargo by 2028.
Critics in Brookmere warn that the joint authority may favour Alderland's shipping lines.
`,
  'data/claims/example-note-2026.yaml': `source: example-note-2026
claims:
  - id: example-note-2026/port-agreement
    statement: In January 2026 Alderland and Brookmere agreed to share the river port of Millford under a joint port authority.
    quote: In January 2026 Alderland and Brookmere signed an agreement to share the river port of Millford.
    locator: para. 1
    type: fact
    topics: [ports]
    actors: [AA, BB]
    about: "2026-01"
  - id: example-note-2026/critics-warn
    statement: Critics in Brookmere warn that the joint authority may favour Alderland's shipping lines.
    quote: Critics in Brookmere warn that the joint authority may favour Alderland's shipping lines.
    locator: para. 1
    type: reported-speech
    topics: [ports]
    actors: [BB, AA]
    about: "2026"
`,
  'data/reports/first-brief.md': `---
kind: policy-brief
title: The Millford port agreement
subtitle: An example brief made by brief init; replace it with your own
date: "2026-02-01"
author: Your team
distribution: public
topics: [ports]
period: "2026"
bluf: >-
  Alderland and Brookmere have agreed to share the river port of Millford [@example-note-2026/port-agreement],
  but critics in Brookmere fear that the joint authority will favour Alderland [@example-note-2026/critics-warn].
judgments:
  - id: port-opens
    text: The joint port authority will start work within the year.
    likelihood: likely
    confidence: low
    basis: One invented source; replace with your own evidence.
    evidence: [example-note-2026/port-agreement]
  - id: dispute-grows
    text: Disputes over the authority's decisions will become the main friction between the two governments.
    likelihood: roughly-even
    confidence: low
    basis: One invented source reporting critics on one side only.
    evidence: [example-note-2026/critics-warn]
  - id: cargo-grows
    text: Cargo through Millford will grow as both countries' ships use it.
    likelihood: likely
    confidence: low
    basis: One invented source.
    evidence: [example-note-2026/port-agreement]
why_now: The agreement was signed in January 2026 [@example-note-2026/port-agreement], and its authority is being set up now.
alternative: The authority may work smoothly if the critics' fears prove unfounded [@example-note-2026/critics-warn].
assumptions:
  - { text: Both governments keep the agreement., wrong_if: Either withdraws before the authority meets. }
indicators:
  - { text: The first decisions of the joint authority., signals: Whether it favours one side., judgment: dispute-grows }
options:
  - { text: Ask both governments to publish the authority's rules., actor: Alderland and Brookmere }
outlook: { horizon: "2027-12", text: "We expect the port to open to both countries' ships by the end of 2027 [@example-note-2026/port-agreement]." }
---
## Background

Every claim a brief cites is a claim in \`data/claims/\`, with a short verbatim quote from its source [@example-note-2026/port-agreement].

## Analysis

Write the analysis here, citing claims as [@example-note-2026/critics-warn].

## Implications

Write what follows for the reader, citing the claims each sentence rests on.
`,
  'README.md': `# A brief corpus

Made with \`brief init\`. Build it with \`brief build\` (HTML and PDF in \`out/\`), check it with
\`brief check\`, and after adding or changing quotes record where each stands in its text with
\`brief lock\` (commit \`data/anchors.lock\`). The example source, claims and brief are invented:
replace them with your own. Each file's format is described in brief's README, "Data format".

- A source from the file it came in: \`brief capture FILE\` (PDF, a saved web page, DOCX, Markdown,
  text) writes its text and metadata; \`brief quote SOURCE some words\` prints the passage to paste
  as a claim's \`quote:\` (leave \`locator:\` out: it is computed from where the quote stands).
- Your own look: \`templates/\` and \`styles/\` here hold only what you change, laid over brief's
  own file by file; \`brief templates\` lists what there is, \`brief templates copy NAME --audience ID\`
  starts an override.
- Dated editions: \`brief edition\` archives one in \`editions/\` (commit it; \`out/\` is disposable),
  \`brief verify\` checks the archive.
`,
};
