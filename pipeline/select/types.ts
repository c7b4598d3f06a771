// select: what goes into one document for one audience.
import type { Diagnostic } from '../core/diagnostics.ts';
import type { ClaimAnchor } from '../anchor/index.ts';
import type { Chart, Claim, CorpusEvent, Report, Source } from '../model/index.ts';
import type { Audience, Cell, Confidence, Likelihood, Question } from '../validate/index.ts';

export interface Footnote {
  readonly n: number;
  readonly claim: Claim;
  readonly source: Source;
  /** The quote's verification, in its text or by the evidence lock. */
  readonly anchor: ClaimAnchor;
  /** True when the quote is not verified in its source text (shown as such). */
  readonly unverified: boolean;
}

export interface SelectedJudgment {
  readonly text: string;
  readonly likelihood: Likelihood | undefined;
  readonly confidence: Confidence;
  readonly notes: readonly number[];
}

/** One source's answer to one question: the mean of its claims' stances, or not addressed. */
export interface StanceCell {
  readonly source: Source;
  readonly question: Question;
  readonly stance: number | undefined;
  readonly claims: readonly Claim[];
}

/** A stretch of the body in reading order; a question's block is followed by its side-by-side table. */
export interface BodyBlock {
  readonly markdown: string;
  readonly question: string | null;
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
  /** What the audience does not get and why (W_JUDGMENT_OMITTED), for the build to print. */
  readonly warnings: readonly Diagnostic[];
}
