// validate: one zod schema per file kind; the TypeScript types of the corpus derive from them.
// The pieces they share are in schema-fields.ts; a source and its claims are in source-schema.ts,
// a report's front matter in report-schema.ts.
import { z } from 'zod';
import { ColumnType, Detail, DocKind, Distribution, EventCategory } from './vocabulary.ts';
import { ActorCode, ClaimId, claimIds, Edtf, Id, line, lineOf, list, NameId, text } from './schema-fields.ts';

export { EDTF_PATTERN, ID_TOO_LONG, Id, MAX_ID } from './schema-fields.ts';
export * from './report-schema.ts';
export * from './source-schema.ts';

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
export type EventData = z.infer<typeof Event>;
export type DatasetMeta = z.infer<typeof DatasetSidecar>;
export type ChartData = z.infer<typeof ChartSpec>;
export type PackMeta = z.infer<typeof PackFile>;
