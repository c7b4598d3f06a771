// select: what goes into one document for one audience.
import type { Diagnostic } from '../core/diagnostics.ts';
import type { ClaimAnchor } from '../anchor/index.ts';
import type { Chart, Claim, CorpusEvent, Report, Source } from '../model/index.ts';
import type { Audience, Cell, Confidence, Likelihood, Question } from '../validate/index.ts';
import type { ProsePart } from '../core/report-parts.ts';
import type { PeriodGroup } from '../core/periods.ts';
import type { BlindSpot } from './extras.ts';

export interface Footnote {
  readonly n: number;
  readonly claim: Claim;
  readonly source: Source;
  /** The quote's verification, in its text or by the evidence lock. */
  readonly anchor: ClaimAnchor;
  /** True when the quote is not verified in its source text (shown as such). */
  readonly unverified: boolean;
}

interface SelectedJudgment {
  readonly id: string | null;
  readonly text: string;
  readonly likelihood: Likelihood | undefined;
  readonly confidence: Confidence;
  readonly basis: string | null;
  readonly notes: readonly number[];
}

/** One source's answer to one question: the mean of its claims' stances, or not addressed. */
export interface StanceCell {
  readonly source: Source;
  readonly question: Question;
  readonly stance: number | undefined;
  readonly claims: readonly Claim[];
}

/**
 * One block of a document's outline in print order: a body section (a question's is followed by
 * its side-by-side table), or a part the templates print from data (`part`, e.g. "why-now").
 */
export interface BodyBlock {
  readonly slug: string;
  readonly markdown: string;
  readonly question: string | null;
  readonly part: string | null;
}

export interface Selection {
  readonly report: Report;
  readonly audience: Audience;
  /** The running header's distribution marking. */
  readonly marking: string;
  /** Markdown body with the sections this audience omits taken out. */
  readonly body: string;
  /** The body as blocks (one block holding everything, except in comparative documents). */
  readonly blocks: readonly BodyBlock[];
  readonly judgments: readonly SelectedJudgment[];
  readonly footnotes: readonly Footnote[];
  readonly charts: readonly Chart[];
  /** Rows of the datasets the charts draw, by dataset id. */
  readonly chartData: ReadonlyMap<string, readonly Readonly<Record<string, Cell>>[]>;
  readonly events: readonly CorpusEvent[];
  readonly questions: readonly Question[];
  readonly sources: readonly Source[];
  readonly stances: readonly StanceCell[];
  /** Every source cited, in the order of its first footnote. */
  readonly cited: readonly Source[];
  readonly actorNames: ReadonlyMap<string, string>;
  readonly perspectiveNames: ReadonlyMap<string, string>;
  /** The front matter's prose parts this audience reads, in print order. */
  readonly prose: readonly ProsePart[];
  /** A chronology's entries under its periods. */
  readonly periods: readonly PeriodGroup<CorpusEvent>[];
  readonly turningPoints: readonly { readonly event: CorpusEvent; readonly why: string }[];
  /** The slugs this audience leaves out (sections and parts). */
  readonly omitted: ReadonlySet<string>;
  /** Topics of a comparison that no compared source covers, or sources of one side only do. */
  readonly blindSpots: readonly BlindSpot[];
  /** Every claim coded on a comparison's questions (the analyst's claim table). */
  readonly claimRows: readonly {
    readonly claim: Claim;
    readonly source: Source;
    readonly stances: readonly { readonly question: string; readonly value: number }[];
  }[];
  /** What the audience does not get and why (W_JUDGMENT_OMITTED), for the build to print. */
  readonly warnings: readonly Diagnostic[];
}
