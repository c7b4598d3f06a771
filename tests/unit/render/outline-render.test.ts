// render: every part of each kind's outline is printed from its data, in order, for the full
// audience, and the condensed audience gets the condensed parts.
import { describe, expect, it } from 'vitest';
import { bundledFonts } from '../../../pipeline/config/fonts.ts';
import { presentationOf } from '../../../pipeline/config/layers.ts';
import { createHtmlRenderer } from '../../../pipeline/render/index.ts';
import { selectReport } from '../../../pipeline/select/index.ts';
import { memoryCorpus } from '../../support/memory.ts';

const renderer = createHtmlRenderer({
  presentation: presentationOf({
    templatesDir: 'templates',
    stylesDir: 'styles',
    corpusTemplatesDir: 'templates',
    corpusStylesDir: 'styles',
  }),
  fonts: bundledFonts(),
  editionDate: '2024-01-15',
});

async function html(report: string, audience: string): Promise<string> {
  const r = await memoryCorpus().check();
  const sel = selectReport(
    r.model!,
    r.anchoring!,
    r.model!.reports.find((x) => x.id === report)!,
    r.model!.audiences.get(audience)!,
    { allowUnverified: false },
  );
  return renderer.renderHtml(sel, []).html;
}
/** The visible text, tags dropped and space collapsed. */
const text = (h: string) =>
  h
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');
/** Asserts the phrases appear in this order. */
function inOrder(h: string, phrases: readonly string[]) {
  const t = text(h);
  let at = -1;
  for (const p of phrases) {
    const i = t.indexOf(p, at + 1);
    expect(i, `"${p}" after position ${at}`).toBeGreaterThan(at);
    at = i;
  }
}

describe('outline in print', () => {
  it('prints every part of a policy brief for the analyst, in the order of the outline', async () => {
    const h = await html('brief', 'analyst');
    inOrder(h, [
      'Edition of 15 January 2024',
      'Bottom line up front',
      'Key judgments',
      'Likelihood: Likely (55–80%)',
      'Confidence: Moderate',
      'One source on each side.',
      'What is new, and why it matters now',
      'Background',
      'Analysis',
      'The strongest alternative view',
      'Key assumptions',
      'Neither side wants a clash.',
      'Troops crossed the border.',
      'Indicators to watch',
      'New drills on the Araz.',
      'The cycle goes on.',
      'Implications',
      'Options',
      'Talk about the drills.',
      'Who would act: Baku and Tehran',
      'Outlook to 2025',
      'Sourcing note',
      'Almost no chance (1–5%)',
      'Notes',
      'Sources',
      // The grades are explained where they are shown: in the analyst's list of sources.
      'Source grades',
      'B , usually reliable',
    ]);
    // The bottom line cites its evidence: its notes come first.
    expect(h).toMatch(/Şuşa<sup class="fn-ref"><a href="#note-1">1<\/a><\/sup> worries Tehran/);
  });

  it('condenses a policy brief for the executive: no basis, no analysis parts, only the terms it uses', async () => {
    const h = text(await html('brief', 'executive'));
    for (const shown of [
      'Bottom line up front',
      'Key judgments',
      'What is new',
      'Options',
      'Outlook to 2025',
      'Sourcing note',
      'Likely (55–80%)',
    ])
      expect(h).toContain(shown);
    for (const left of [
      'One source on each side.',
      'Key assumptions',
      // It shows no grades, so it explains none.
      'Source grades',
      'Indicators to watch',
      'Background',
      'Almost no chance',
    ])
      expect(h).not.toContain(left);
  });

  it('prints a comparison: summary, scope, voices, then each question with its counts, common ground and kind of disagreement, blind spots and the claim table', async () => {
    const h = await html('views', 'analyst');
    inOrder(h, [
      'Summary',
      'Where they agree',
      'Both describe the drills',
      'Where they part',
      'What is unresolved',
      'Scope and method',
      'The voices at a glance',
      'Baku-based',
      'B usually reliable',
      'Is the alliance a threat to Iran?',
      'Addressed by 2 of 2 sources',
      'Disagreement over interpretation (what it means)',
      'Common ground',
      'Can Baku and Tehran normalise relations?',
      'Addressed by 1 of 2 sources (not by',
      'Blind spots',
      'No source writes from Ankara.',
      'Claims coded on these questions',
      'Threat to Iran −1',
    ]);
  });

  it('prints a chronology: coverage, turning points, then the entries under their periods, with the precision of their dates', async () => {
    const h = await html('timeline', 'analyst');
    inOrder(h, [
      'Coverage and date conventions',
      '4 entries from 2021 to 2023',
      'Turning points',
      'Leaders sign a declaration in Şuşa',
      'The alliance begins',
      'Entries by period',
      'The alliance',
      '2021 – 2022',
      '15 June 2021',
      'October 2021',
      'Afterwards',
      '2023',
    ]);
  });
});
