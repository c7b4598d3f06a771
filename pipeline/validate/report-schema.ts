// validate: the front matter of a report (policy brief, comparative perspectives, chronology).
import { z } from 'zod';
import { Confidence, DisagreementKind, Distribution, DocKind, Lanes, Likelihood } from './vocabulary.ts';
import { ActorCode, ClaimId, Edtf, Id, line, text } from './schema-fields.ts';

const Judgment = z
  .strictObject({
    id: Id.optional().describe("The judgment's id, so an indicator can say which judgment it bears on."),
    text: text.describe('The judgment, in a sentence.'),
    likelihood: z
      .enum(Likelihood)
      .optional()
      .describe('How likely, in the ICD 203 terms (almost-certain … almost-no-chance).'),
    confidence: z.enum(Confidence).describe('How sure we are of the judgment: low, moderate or high.'),
    basis: text.optional().describe('One line on why the confidence is what it is.'),
    evidence: z.array(ClaimId).min(1, 'must cite at least one claim').describe('The claims it rests on, at least one.'),
    parties: z
      .array(ActorCode)
      .optional()
      .describe('The actors the judgment is about (codes); by default those whose names or aliases its text uses.'),
  })
  .describe('A key judgment');

/** Prose in front matter is Markdown that may cite claims, as the body does. */
const prose = text;
const cites = ' (Markdown; cite claims as [@claim-id])';
const Assumption = z.strictObject({
  text: prose.describe(`An assumption the analysis rests on${cites}.`),
  wrong_if: prose.describe(`What would show it wrong${cites}.`),
});
const Indicator = z.strictObject({
  text: prose.describe(`What to watch${cites}.`),
  signals: prose.describe(`What it would signal${cites}.`),
  judgment: Id.describe('The id of the key judgment it bears on.'),
});
const Option = z.strictObject({
  text: prose.describe(`The option${cites}.`),
  actor: text.describe('Who would act.'),
});
const Outlook = z.strictObject({
  horizon: Edtf.describe('How far the outlook looks: an EDTF date, quoted.'),
  text: prose.describe(`The outlook${cites}.`),
});
const QuestionEntry = z.strictObject({
  id: Id.describe('A question id from questions.yaml.'),
  disagreement: z
    .array(z.enum(DisagreementKind))
    .min(1, 'must name at least one kind of disagreement')
    .describe('What kind of disagreement it is: fact, interpretation, values, forecast, policy.'),
  common_ground: prose.describe(`What the sources agree on${cites}.`),
});
const ComparativeSummary = z.strictObject({
  agree: prose.describe(`Where the perspectives agree${cites}.`),
  differ: prose.describe(`Where they differ${cites}.`),
  unresolved: prose.describe(`What remains unresolved${cites}.`),
});
const TurningPoint = z.strictObject({
  event: Id.describe('An event id.'),
  why: prose.describe(`Why it is a turning point${cites}.`),
});
const Period = z.strictObject({
  label: line.describe("The period's heading."),
  dates: Edtf.describe('Its span: an EDTF interval, quoted ("2020/2022").'),
});

export const ReportFrontMatter = z.strictObject({
  kind: z.enum(DocKind).describe('The kind of document: it fixes the outline (README, "Document outlines").'),
  title: line.describe("The document's title."),
  subtitle: line.optional().describe('A subtitle.'),
  date: Edtf.optional().describe("The document's date: an EDTF date, quoted."),
  author: line.optional().describe('Who wrote it.'),
  distribution: z
    .enum(Distribution)
    .default('public')
    .describe('public, or internal: only audiences that may receive internal content get it.'),
  audiences: z
    .array(Id)
    .min(1, 'must name at least one audience')
    .optional()
    .describe("Who gets it (audience ids); without it, brief.config.yaml's `audiences`, else every audience."),
  topics: z.array(Id).default([]).describe('Topic ids the document covers.'),
  period: Edtf.optional().describe('The period it covers: an EDTF date or interval, quoted.'),
  bluf: prose.describe(`The bottom line up front${cites}.`),
  judgments: z.array(Judgment).default([]).describe('policy-brief: 3 to 6 key judgments.'),
  charts: z.array(Id).default([]).describe('Chart ids (data/charts/<id>.json) the document prints as figures.'),
  // policy-brief (model/outline.ts says which parts each kind requires)
  why_now: prose.optional().describe(`policy-brief: what is new, and why it matters now${cites}.`),
  alternative: prose.optional().describe(`policy-brief: the strongest alternative view${cites}.`),
  assumptions: z.array(Assumption).default([]).describe('policy-brief: the assumptions the analysis rests on.'),
  indicators: z.array(Indicator).default([]).describe('policy-brief: what to watch, each tied to a key judgment.'),
  options: z.array(Option).default([]).describe('policy-brief: options, with who would act.'),
  outlook: Outlook.optional().describe('policy-brief: the outlook, to a horizon.'),
  // comparative-perspectives
  summary: ComparativeSummary.optional().describe(
    'comparative-perspectives: where the perspectives agree, differ, and what is unresolved.',
  ),
  questions: z
    .array(z.union([Id, QuestionEntry]))
    .default([])
    .describe('comparative-perspectives: the questions compared, by id or with their disagreement and common ground.'),
  sources: z.array(Id).default([]).describe('comparative-perspectives: the source ids compared.'),
  blind_spots: z.array(prose).default([]).describe('comparative-perspectives: what no compared source covers.'),
  // chronology
  events: z
    .union([z.literal('all'), z.array(Id)])
    .default('all')
    .describe('chronology: all, or the event ids it lists.'),
  lanes: z.enum(Lanes).default('category').describe("chronology: the timeline's lanes, by actor or by category."),
  turning_points: z
    .array(TurningPoint)
    .default([])
    .describe('chronology: 3 to 7 turning points, each an event and why.'),
  periods: z
    .array(Period)
    .default([])
    .describe('chronology: the periods its entries fall under; every event must fall in one.'),
});

export type JudgmentData = z.infer<typeof Judgment>;
export type QuestionEntryData = z.infer<typeof QuestionEntry>;
export type ReportMeta = z.infer<typeof ReportFrontMatter>;
