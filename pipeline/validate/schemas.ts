// validate: one zod schema per file kind; the TypeScript types of the corpus derive from them.
import { z } from 'zod';
import {
  ClaimType, ColumnType, Confidence, Detail, DisagreementKind, DocKind, Distribution, EventCategory, Lanes, Likelihood,
  Reliability, STANCE_MAX, STANCE_MIN, SourceKind,
} from './vocabulary.ts';
import { isEdtf } from '../core/edtf.ts';
import { CAPTURE_FORMATS } from '../core/capture-formats.ts';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Id = z.string().regex(slug, 'must be lowercase letters, digits and single hyphens');
export const ClaimId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be <source-id>/<slug>: lowercase letters, digits and hyphens');
export const ActorCode = z.string().regex(/^[A-Z]{2,3}$/, 'must be a short upper-case actor code such as IR or AZ');
/** YAML reads `2013` as a number: accept it and keep the text. */
export const Edtf = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine(isEdtf, { message: 'is not a valid EDTF date', params: { code: 'E_BAD_DATE' } });
const text = z.string().trim().min(1, 'must not be empty');
/**
 * Text printed on one line (a title, a marking, a label): newlines and tabs, such as a YAML
 * folded scalar leaves, are read as one space, not carried into a running header or a bookmark.
 */
const collapse = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : v);
const line = z.preprocess(collapse, text);
const lineOf = (max: number, why: string) => z.preprocess(collapse, text.max(max, `must be at most ${max} characters: ${why}`));
const list = <T extends z.ZodType>(item: T) => z.array(item);

export const ActorsFile = list(z.strictObject({
  id: ActorCode,
  name: line,
  /** Other names a report's prose uses for the actor (its capital, its adjective): how a judgment's parties are found. */
  aliases: z.array(line).default([]),
}));
export const PerspectivesFile = list(z.strictObject({
  id: Id,
  label: line,
  description: text.optional(),
  /** Where the voice speaks from ("Baku", "Tehran", "Europe"): two perspectives with one base are one side. */
  base: line.optional(),
}));
export const QuestionsFile = list(
  z.strictObject({
    id: Id,
    question: text,
    short: lineOf(28, 'it labels a chart axis'),
    low: text,
    high: text,
  }),
);

const pageCount = z.number().int().min(1, 'must be at least 1 page');
export const AudiencesFile = list(
  z.strictObject({
    id: Id,
    label: line,
    description: text.optional(),
    detail: z.enum(Detail).default('full'),
    distribution: z.array(z.enum(Distribution)).default(['public']),
    marking: line,
    omit: z.array(Id).default([]),
    show_anchor_status: z.boolean().default(false),
    /** Most charts a document carries, the built-in timeline or stance chart first; none: no limit. */
    charts: z.number().int().min(0, 'must be 0 or more').optional(),
    /** false: no numbered notes and no quotes (a reader who does not check evidence); sources are still listed. */
    notes: z.boolean().default(true),
    /** Most pages a PDF of each kind may have; a longer one fails the build (E_PAGE_BUDGET). */
    page_budget: z.strictObject(Object.fromEntries(DocKind.map((k) => [k, pageCount.optional()])) as Record<DocKind, z.ZodOptional<typeof pageCount>>).default({}),
  }),
);

export const SourceFrontMatter = z.strictObject({
  id: Id,
  title: line,
  /** The text's file name, looked up in the text folders: a bare name, never a path. */
  text: text.refine((v) => !/[\\/]/.test(v) && v !== '.' && v !== '..', {
    message: 'is a path, not a file name',
    params: { code: 'E_BAD_VALUE', hint: 'give only the file name (e.g. 001_4e07255783193862.txt); name its folder with --texts DIR' },
  }),
  authors: z.array(text).default([]),
  published: Edtf.optional(),
  kind: z.enum(SourceKind).optional(),
  perspective: Id.optional(),
  reliability: z.enum(Reliability).optional(),
  reliability_note: text.optional(),
  url: z.url().optional(),
  exclude: z.array(z.strictObject({ from: text, to: text.optional() })).default([]),
  distribution: z.enum(Distribution).default('public'),
  // Written by `brief capture` (by hand too, if wanted): all optional, so every corpus written before still validates.
  publisher: line.optional(),
  /** BCP 47-ish: en, fa, en-GB. */
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en, fa or en-GB').optional(),
  /** sha256 (hex) of the text file as captured: a text changed since shows as a different hash. */
  text_sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hexadecimal').optional(),
  captured_from: z.strictObject({
    file: text,
    format: z.enum(CAPTURE_FORMATS),
    captured: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD'),
  }).optional(),
});

export const Claim = z.strictObject({
  id: ClaimId,
  statement: text,
  quote: text,
  locator: text.optional(),
  type: z.enum(ClaimType).optional(),
  topics: z.array(Id).default([]),
  actors: z.array(ActorCode).default([]),
  about: Edtf.optional(),
  stances: z.record(z.string(), z.number().int().min(STANCE_MIN).max(STANCE_MAX)).default({}),
});
export const ClaimsFile = z.strictObject({ source: Id, claims: z.array(Claim) });

export const Event = z.strictObject({
  id: Id,
  date: Edtf,
  title: lineOf(90, 'it labels the timeline'),
  category: z.enum(EventCategory),
  actors: z.array(ActorCode).min(1, 'must name at least one actor'),
  evidence: z.array(ClaimId).default([]),
  note: text.optional(),
  /** Where another source dates the event differently: its date and the claims that give it. */
  dated_otherwise: z.array(z.strictObject({ date: Edtf, evidence: z.array(ClaimId).min(1, 'must cite the claim that gives this date') })).default([]),
});
export const EventsFile = z.array(Event);

export const DatasetSidecar = z.strictObject({
  id: Id.optional(),
  title: line,
  description: text.optional(),
  units: text.optional(),
  evidence: z.array(ClaimId).default([]),
  references: z.array(text).default([]),
  columns: z.record(z.string(), z.strictObject({ type: z.enum(ColumnType), title: line.optional(), unit: line.optional() })),
});

/** A chart is a Vega-Lite spec whose data is a named dataset; the spec itself is checked by Vega-Lite. */
export const ChartSpec = z.looseObject({
  $schema: z.string().optional(),
  title: z.union([text, z.looseObject({ text: text })]),
  description: text.optional(),
  data: z.strictObject({ name: Id }),
});

export const Judgment = z.strictObject({
  /** Named so an indicator can say which judgment it bears on. */
  id: Id.optional(),
  text: text,
  likelihood: z.enum(Likelihood).optional(),
  confidence: z.enum(Confidence),
  /** One line on why the confidence is what it is. */
  basis: text.optional(),
  evidence: z.array(ClaimId).min(1, 'must cite at least one claim'),
  /** The actors the judgment is about (codes); by default those whose names or aliases its text uses. */
  parties: z.array(ActorCode).optional(),
});

/** Prose in front matter is Markdown that may cite claims, as the body does. */
const prose = text;
export const Assumption = z.strictObject({ text: prose, wrong_if: prose });
export const Indicator = z.strictObject({ text: prose, signals: prose, judgment: Id });
export const Option = z.strictObject({ text: prose, actor: text });
export const Outlook = z.strictObject({ horizon: Edtf, text: prose });
export const QuestionEntry = z.strictObject({
  id: Id,
  disagreement: z.array(z.enum(DisagreementKind)).min(1, 'must name at least one kind of disagreement'),
  common_ground: prose,
});
export const ComparativeSummary = z.strictObject({ agree: prose, differ: prose, unresolved: prose });
export const TurningPoint = z.strictObject({ event: Id, why: prose });
export const Period = z.strictObject({ label: line, dates: Edtf });

export const ReportFrontMatter = z.strictObject({
  kind: z.enum(DocKind),
  title: line,
  subtitle: line.optional(),
  date: Edtf.optional(),
  author: line.optional(),
  distribution: z.enum(Distribution).default('public'),
  /** Who gets it; without it, brief.config.yaml's `audiences`, else every audience (see model/). */
  audiences: z.array(Id).min(1, 'must name at least one audience').optional(),
  topics: z.array(Id).default([]),
  period: Edtf.optional(),
  bluf: prose,
  judgments: z.array(Judgment).default([]),
  charts: z.array(Id).default([]),
  // policy-brief (model/outline.ts says which parts each kind requires)
  why_now: prose.optional(),
  alternative: prose.optional(),
  assumptions: z.array(Assumption).default([]),
  indicators: z.array(Indicator).default([]),
  options: z.array(Option).default([]),
  outlook: Outlook.optional(),
  // comparative-perspectives
  summary: ComparativeSummary.optional(),
  questions: z.array(z.union([Id, QuestionEntry])).default([]),
  sources: z.array(Id).default([]),
  blind_spots: z.array(prose).default([]),
  // chronology
  events: z.union([z.literal('all'), z.array(Id)]).default('all'),
  lanes: z.enum(Lanes).default('category'),
  turning_points: z.array(TurningPoint).default([]),
  periods: z.array(Period).default([]),
});

/** A briefing pack: its documents in order behind a cover and a contents page (data/packs/<id>.yaml). */
export const PackFile = z.strictObject({
  title: line,
  subtitle: line.optional(),
  /** Who the pack is for; `brief pack --audience` must name one of them. */
  audiences: z.array(Id).min(1, 'must name at least one audience'),
  /** Report ids, in the order the pack prints them. */
  reports: z.array(Id).min(1, 'must name at least one report'),
  /** A short note for the cover: why these documents, for whom. */
  note: text.optional(),
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
