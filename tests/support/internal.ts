// Test support: internal material laid over the mini fixture, as a team has it: its own desk note
// (distribution: internal) with two claims, a public audience, and a brief that cites the note in a
// mixed judgment, an all-internal judgment and an "Internal assessment" section.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MINI } from './corpus.ts';

export const INTERNAL_QUOTES = [
  'Every drill on one bank of the Araz was answered on the other bank within three months.',
  'We found no hotline between the two general staffs.',
] as const;

export const AUDIENCES = `- id: executive
  label: Executive
  detail: summary
  distribution: [public]
  marking: For decision-makers
  omit: [background, internal-assessment]
- id: analyst
  label: Analyst
  distribution: [public, internal]
  marking: Analyst edition
  show_anchor_status: true
- id: public
  label: Public
  distribution: [public]
  marking: Public
  omit: [internal-assessment]
`;

/** The files to add or replace (tempCorpus changes); `brief` is given its own audiences when named. */
export async function internalMaterial(briefAudiences?: string): Promise<Record<string, string>> {
  const brief = await readFile(path.join(MINI, 'reports/brief.md'), 'utf8');
  const report = brief
    .replace('audiences: [executive, analyst]\n', briefAudiences ? `audiences: ${briefAudiences}\n` : '')
    .replace(
      '    evidence: [alpha-2021/shusha-meeting, beta-2022/not-aimed]',
      `    evidence: [alpha-2021/shusha-meeting, beta-2022/not-aimed, desk-2024/drill-cycle]
  - id: unannounced-drill
    text: A drill held without notice is the likeliest trigger of the next crisis.
    likelihood: likely
    confidence: low
    basis: Our own desk note.
    evidence: [desk-2024/no-hotline, desk-2024/drill-cycle]`,
    )
    .replace(
      '## Alternative view',
      '## Internal assessment\n\nOur desk note dates a cycle of answered drills [@desk-2024/drill-cycle].\n\n## Alternative view',
    );
  return {
    'audiences.yaml': AUDIENCES,
    'reports/brief.md': report,
    'sources/desk-2024.md':
      '---\nid: desk-2024\ntitle: Desk note on the Araz drills\nauthors: [Test Team]\npublished: "2024-01"\nkind: analysis\ntext: desk.txt\ndistribution: internal\n---\nOur own working note.\n',
    'sources/text/desk.txt': `DESK NOTE (internal)\n\n${INTERNAL_QUOTES[0]} ${INTERNAL_QUOTES[1]} Neither side announces its exercises.\n`,
    'claims/desk-2024.yaml': `source: desk-2024
claims:
  - id: desk-2024/drill-cycle
    statement: Each drill on the Araz was answered within three months.
    quote: ${INTERNAL_QUOTES[0]}
    type: assessment
  - id: desk-2024/no-hotline
    statement: The desk found no hotline between the general staffs.
    quote: ${INTERNAL_QUOTES[1]}
    type: assessment
`,
  };
}
