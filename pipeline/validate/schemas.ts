// validate: one zod schema per file kind; the TypeScript types of the corpus derive from them.
import { z } from 'zod';
import {
  ClaimType,
  ColumnType,
  Confidence,
  Detail,
  DisagreementKind,
  DocKind,
  Distribution,
  EventCategory,
  Lanes,
  Likelihood,
  Reliability,
  STANCE_MAX,
  STANCE_MIN,
  SourceKind,
} from './vocabulary.ts';
import { isEdtf } from '../core/edtf.ts';
import { CAPTURE_FORMATS } from '../core/capture-formats.ts';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Id = z.string().regex(slug, 'must be lowercase letters, digits and single hyphens');
/** The longest id of a thing that names files (sources, audiences, reports, packs, events…): a PDF is <report>.<audience>.pdf. */
export const MAX_ID = 64;
export const ID_TOO_LONG = `an id may be at most ${MAX_ID} characters`;
/** An id that becomes (part of) a file name: bounded. Section slugs and topics (Id) are not. */
export const NameId = Id.max(MAX_ID, ID_TOO_LONG);
/**
 * The EDTF grammar as a pattern, for editors (JSON Schema, json-schema.ts): every date isEdtf
 * accepts matches it (a test holds it to that); what it lets through (a 13th month, 30 February,
 * an interval that runs backwards) only `brief check` finds.
 */
export const EDTF_PATTERN = (() => {
  // A month (or a season, 21–24) and a day as numbers can be; whether the day exists, isEdtf knows.
  const month = '(?:0[1-9]|1[0-2]|2[1-4]|XX)';
  const day = String.raw`(?:0[1-9]|[12]\d|3[01]|XX)`;
  const time = String.raw`T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}(?::?\d{2})?)?`;
  const date = String.raw`(?:-?(?:\d{2}|\d{4}|\d{3}X|\d{2}XX|XXXX)|Y-?\d{5,})(?:-${month}(?:-${day}(?:${time})?)?)?[?~%]?`;
  const end = String.raw`(?:${date}|\.\.)?`;
  return `^(?:${date}|${end}/${end})$`;
})();
export const ClaimId = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be <source-id>/<slug>: lowercase letters, digits and hyphens',
  )
  .max(2 * MAX_ID + 1, `${ID_TOO_LONG}, so a claim id (<source-id>/<slug>) at most ${2 * MAX_ID + 1}`);
export const ActorCode = z.string().regex(/^[A-Z]{2,3}$/, 'must be a short upper-case actor code such as IR or AZ');
/**
 * YAML reads `2013` as a number: accept it and keep the text. As JSON Schema: text matching the
 * grammar, or a whole number that reads as a year (1000–9999) or a century (10–99).
 */
const yearNumber = (min: number, max: number) => ({ type: 'integer', minimum: min, maximum: max });
export const Edtf = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine(isEdtf, { message: 'is not a valid EDTF date', params: { code: 'E_BAD_DATE' } })
  .meta({
    description:
      'An EDTF date, quoted: "2021-06-15", "2021-06", "2021", "2020~" (approximate), "2020?" (uncertain), "2022-12/2023-06" (an interval).',
    anyOf: [
      { type: 'string', pattern: EDTF_PATTERN },
      yearNumber(1000, 9999),
      yearNumber(-9999, -1000),
      yearNumber(10, 99),
      yearNumber(-99, -10),
    ],
  });
/** `pattern` tells an editor what the trim does: text of spaces only is empty. */
const text = z.string().trim().min(1, 'must not be empty').meta({ pattern: String.raw`\S` });
/**
 * Text printed on one line (a title, a marking, a label): newlines and tabs, such as a YAML
 * folded scalar leaves, are read as one space, not carried into a running header or a bookmark.
 */
const collapse = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : v);
/**
 * Control characters other than whitespace (NUL, ESC, DEL, the C1 range) are refused in one-line
 * text: they printed as "u0000" in a running header and went raw into PDF metadata. Vertical tabs
 * and line or paragraph separators (U+2028, U+2029) are whitespace: read as one space, as above.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;
const CONTROL_NAMES: Readonly<Record<number, string>> = { 0: 'NUL', 27: 'ESC', 127: 'DEL', 8: 'backspace' };
const printable = <T extends z.ZodType<string>>(t: T) =>
  t.superRefine((v, ctx) => {
    const m = CONTROL.exec(v);
    if (!m) return;
    const cp = m[0].charCodeAt(0);
    ctx.addIssue({
      code: 'custom',
      message: `holds the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}${CONTROL_NAMES[cp] ? ` (${CONTROL_NAMES[cp]})` : ''} at character ${m.index + 1}`,
      params: { code: 'E_CONTROL_CHAR' },
    });
  });
const line = z.preprocess(collapse, printable(text));
const lineOf = (max: number, why: string) =>
  z.preprocess(collapse, printable(text.max(max, `must be at most ${max} characters: ${why}`)));
const list = <T extends z.ZodType>(item: T) => z.array(item);
const claimIds = (what: string) => z.array(ClaimId).default([]).describe(`${what}: claim ids, <source-id>/<slug>.`);

// Every field has a description: editors show it (schemas/, made by json-schema.ts from these).
export const ActorsFile = list(
  z
    .strictObject({
      id: ActorCode.describe(
        "The actor's code, two or three capital letters (AZ, IR): how claims, events and judgments name it.",
      ),
      name: line.describe("The actor's name as printed."),
      aliases: z
        .array(line)
        .default([])
        .describe(
          "Other names a report's prose uses for the actor (its capital, its adjective): how a judgment's parties are found.",
        ),
    })
    .describe('An actor'),
);
export const PerspectivesFile = list(
  z
    .strictObject({
      id: NameId.describe(
        "The perspective's id (lowercase letters, digits, hyphens): a source names it as its `perspective`.",
      ),
      label: line.describe('The name printed for this perspective.'),
      description: text.optional().describe('A sentence on who writes from here.'),
      base: line
        .optional()
        .describe(
          'Where the voice speaks from ("Baku", "Tehran", "Europe"): two perspectives with one base are one side.',
        ),
    })
    .describe('A perspective sources write from'),
);
export const QuestionsFile = list(
  z
    .strictObject({
      id: NameId.describe("The question's id: claims' `stances` and comparative reports name it."),
      question: text.describe('The contested question, in full.'),
      short: lineOf(28, 'it labels a chart axis').describe(
        "A short label for the stance chart's axis: at most 28 characters.",
      ),
      low: text.describe('What a stance of −2 means (the low end of the scale).'),
      high: text.describe('What a stance of +2 means (the high end of the scale).'),
    })
    .describe('A contested question, answered on a −2…+2 scale'),
);

const pageCount = z.number().int().min(1, 'must be at least 1 page');
export const AudiencesFile = list(
  z
    .strictObject({
      id: NameId.describe("The audience's id: PDFs are named <report>.<audience>.pdf."),
      label: line.describe("The audience's name as printed."),
      description: text.optional().describe('Who the audience is.'),
      detail: z.enum(Detail).default('full').describe('summary, or full (quotes per source in a side-by-side table).'),
      distribution: z
        .array(z.enum(Distribution))
        .default(['public'])
        .describe('What it may receive: [public], or [public, internal].'),
      marking: line.describe('The running header, after "Public" or "Internal" as the document\'s content is.'),
      omit: z
        .array(Id)
        .default([])
        .describe(
          "Sections (the slug of a `## ` heading) and printed parts (key-judgments, why-now, sourcing-note, claim-table…) left out of this audience's documents.",
        ),
      show_anchor_status: z.boolean().default(false).describe('true: each note says how its quote was verified.'),
      charts: z
        .number()
        .int()
        .min(0, 'must be 0 or more')
        .optional()
        .describe('Most charts a document carries, the built-in timeline or stance chart first; none: no limit.'),
      notes: z
        .boolean()
        .default(true)
        .describe(
          'false: no numbered notes and no quotes (a reader who does not check evidence); sources are still listed.',
        ),
      page_budget: z
        .strictObject(
          Object.fromEntries(
            DocKind.map((k) => [k, pageCount.optional().describe(`Most pages a ${k} PDF may have.`)]),
          ) as Record<DocKind, z.ZodOptional<typeof pageCount>>,
        )
        .default({})
        .describe('Most pages a PDF of each kind may have; a longer one fails the build (E_PAGE_BUDGET).'),
    })
    .describe('An audience documents are made for'),
);

export const SourceFrontMatter = z.strictObject({
  id: NameId.describe("The source's id, also its file name and its claims file's name (e.g. roubanis-2024)."),
  title: line.describe("The source's title."),
  text: text
    .refine((v) => !/[\\/]/.test(v) && v !== '.' && v !== '..', {
      message: 'is a path, not a file name',
      params: {
        code: 'E_BAD_VALUE',
        hint: 'give only the file name (e.g. 001_4e07255783193862.txt); name its folder with --texts DIR',
      },
    })
    .meta({ pattern: String.raw`^(?!\s*\.\.?\s*$)[^\\/]*\S[^\\/]*$` })
    .describe(
      "The file name of the source's full text, looked up in data/sources/text/ and the --texts folders: a bare name, never a path.",
    ),
  authors: z.array(printable(text)).default([]).describe('The authors, as printed.'),
  published: Edtf.optional().describe('When it was published: an EDTF date, quoted ("2024-03", "2024").'),
  kind: z.enum(SourceKind).optional().describe('What kind of text it is.'),
  perspective: Id.optional().describe('Where it writes from: an id in perspectives.yaml.'),
  reliability: z
    .enum(Reliability)
    .optional()
    .describe('Its grade on the Admiralty scale, A (reliable) to F (cannot be judged).'),
  reliability_note: text.optional().describe('One line on why the grade is what it is.'),
  url: z.url().optional().describe('Where the source can be read.'),
  exclude: z
    .array(
      z.strictObject({
        from: text.describe('The first words of the part to leave out, as in the text.'),
        to: text.optional().describe('The last words of that part (without it: to the end of the text).'),
      }),
    )
    .default([])
    .describe('Parts of the text no quote may come from (a quoted third party, a sidebar).'),
  distribution: z
    .enum(Distribution)
    .default('public')
    .describe(
      "public, or internal: the team's own material, whose claims reach only audiences that may receive internal content.",
    ),
  // Written by `brief capture` (by hand too, if wanted): all optional, so every corpus written before still validates.
  publisher: line.optional().describe('Who published it (a newspaper, a journal, an institute).'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en, fa or en-GB')
    .optional()
    .describe('The language of its text, as a language tag: en, fa, en-GB.'),
  text_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hexadecimal')
    .optional()
    .describe(
      'The sha256 (hexadecimal) of the text file as brief capture wrote it: a text changed since shows as a different hash.',
    ),
  captured_from: z
    .strictObject({
      file: text.describe('The name of the file the source was captured from.'),
      format: z.enum(CAPTURE_FORMATS).describe('Its format.'),
      captured: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
        .describe('The day it was captured, YYYY-MM-DD.'),
    })
    .optional()
    .describe('Written by brief capture: the file the text was captured from, its format and the day.'),
});

export const Claim = z
  .strictObject({
    id: ClaimId.describe("The claim's id, <source-id>/<slug>: cited in reports as [@id]."),
    statement: text.describe('What the source says, in our words.'),
    quote: text.describe("A short verbatim quote from the source's text: brief finds it there."),
    locator: text.optional().describe('Where in the source (page, paragraph).'),
    type: z.enum(ClaimType).optional().describe('What kind of statement it is.'),
    topics: z.array(Id).default([]).describe('Topic ids the claim bears on.'),
    actors: z.array(ActorCode).default([]).describe('The actors it is about: codes from actors.yaml.'),
    about: Edtf.optional().describe('When what it says happened or applies: an EDTF date, quoted.'),
    stances: z
      .record(z.string(), z.number().int().min(STANCE_MIN).max(STANCE_MAX))
      .default({})
      .describe('The stance the claim takes on questions of questions.yaml: {question-id: −2…2}.'),
  })
  .describe('A claim');
export const ClaimsFile = z.strictObject({
  source: Id.describe('The id of the source these claims come from.'),
  claims: z.array(Claim).describe('The claims the source makes, each with a verbatim quote.'),
});

export const Event = z
  .strictObject({
    id: NameId.describe("The event's id: chronologies and turning points name it."),
    date: Edtf.describe('When it happened, at the precision the sources give: an EDTF date, quoted.'),
    title: lineOf(90, 'it labels the timeline').describe(
      'What happened, in a line: at most 90 characters (it labels the timeline).',
    ),
    category: z.enum(EventCategory).describe('What kind of event it is.'),
    actors: z
      .array(ActorCode)
      .min(1, 'must name at least one actor')
      .describe('The actors involved: codes from actors.yaml, at least one.'),
    evidence: claimIds('The claims that report it'),
    note: text.optional().describe('A note printed with the event.'),
    dated_otherwise: z
      .array(
        z.strictObject({
          date: Edtf.describe('The other date, as an EDTF date.'),
          evidence: z
            .array(ClaimId)
            .min(1, 'must cite the claim that gives this date')
            .describe('The claims that give this date, at least one.'),
        }),
      )
      .default([])
      .describe('Where another source dates the event differently: its date and the claims that give it.'),
  })
  .describe('An event');
export const EventsFile = z.array(Event);

export const DatasetSidecar = z.strictObject({
  id: NameId.optional().describe(
    'The dataset\'s id; by default its file name (charts name it in "data": {"name": …}).',
  ),
  title: line.describe("The dataset's title."),
  description: text.optional().describe('What the data is.'),
  units: text.optional().describe('The units of its figures.'),
  evidence: claimIds('The claims the data rests on'),
  references: z.array(text).default([]).describe('Other references for the data, as printed.'),
  columns: z
    .record(
      z.string(),
      z.strictObject({
        type: z
          .enum(ColumnType)
          .describe('What each cell holds; claim: claim ids (space-separated) evidencing the row.'),
        title: line.optional().describe("The column's title as printed."),
        unit: line.optional().describe("The column's unit."),
      }),
    )
    .describe('Each column of the data file by its header name, with its type; every cell is checked against it.'),
});

/** A chart is a Vega-Lite spec whose data is a named dataset; the spec itself is checked by Vega-Lite. */
export const ChartSpec = z.looseObject({
  $schema: z.string().optional(),
  title: z.union([text, z.looseObject({ text: text })]),
  description: text.optional(),
  data: z.strictObject({ name: Id }),
});

export const Judgment = z
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
export const Assumption = z.strictObject({
  text: prose.describe(`An assumption the analysis rests on${cites}.`),
  wrong_if: prose.describe(`What would show it wrong${cites}.`),
});
export const Indicator = z.strictObject({
  text: prose.describe(`What to watch${cites}.`),
  signals: prose.describe(`What it would signal${cites}.`),
  judgment: Id.describe('The id of the key judgment it bears on.'),
});
export const Option = z.strictObject({
  text: prose.describe(`The option${cites}.`),
  actor: text.describe('Who would act.'),
});
export const Outlook = z.strictObject({
  horizon: Edtf.describe('How far the outlook looks: an EDTF date, quoted.'),
  text: prose.describe(`The outlook${cites}.`),
});
export const QuestionEntry = z.strictObject({
  id: Id.describe('A question id from questions.yaml.'),
  disagreement: z
    .array(z.enum(DisagreementKind))
    .min(1, 'must name at least one kind of disagreement')
    .describe('What kind of disagreement it is: fact, interpretation, values, forecast, policy.'),
  common_ground: prose.describe(`What the sources agree on${cites}.`),
});
export const ComparativeSummary = z.strictObject({
  agree: prose.describe(`Where the perspectives agree${cites}.`),
  differ: prose.describe(`Where they differ${cites}.`),
  unresolved: prose.describe(`What remains unresolved${cites}.`),
});
export const TurningPoint = z.strictObject({
  event: Id.describe('An event id.'),
  why: prose.describe(`Why it is a turning point${cites}.`),
});
export const Period = z.strictObject({
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

/** A briefing pack: its documents in order behind a cover and a contents page (data/packs/<id>.yaml). */
export const PackFile = z.strictObject({
  title: line.describe("The pack's title, on its cover."),
  subtitle: line.optional().describe('A subtitle for the cover.'),
  audiences: z
    .array(Id)
    .min(1, 'must name at least one audience')
    .describe('Who the pack is for (audience ids); `brief pack --audience` must name one of them.'),
  reports: z
    .array(Id)
    .min(1, 'must name at least one report')
    .describe('Report ids, in the order the pack prints them.'),
  note: text.optional().describe('A short note for the cover: why these documents, for whom.'),
});

export type Actor = z.infer<typeof ActorsFile>[number];
export type Perspective = z.infer<typeof PerspectivesFile>[number];
export type Question = z.infer<typeof QuestionsFile>[number];
export type Audience = z.infer<typeof AudiencesFile>[number];
export type SourceMeta = z.infer<typeof SourceFrontMatter>;
export type ClaimData = z.infer<typeof Claim>;
export type EventData = z.infer<typeof Event>;
export type DatasetMeta = z.infer<typeof DatasetSidecar>;
export type ChartData = z.infer<typeof ChartSpec>;
export type JudgmentData = z.infer<typeof Judgment>;
export type QuestionEntryData = z.infer<typeof QuestionEntry>;
export type ReportMeta = z.infer<typeof ReportFrontMatter>;
export type PackMeta = z.infer<typeof PackFile>;
