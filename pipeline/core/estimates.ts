// core: the words of analytic estimates, declared once: the likelihood scale with its ranges,
// what each confidence level and source grade means, the kinds of disagreement. validate checks
// reports against them; render prints them in every document's sourcing note.

/** Words of estimative probability, most to least likely. */
export const Likelihood = [
  'almost-certain',
  'very-likely',
  'likely',
  'roughly-even',
  'unlikely',
  'very-unlikely',
  'almost-no-chance',
] as const;
export type Likelihood = (typeof Likelihood)[number];

/**
 * The declared likelihood scale: each term's words and probability range, as the US intelligence
 * community's ICD 203 fixes them. The sourcing note prints the terms a document uses.
 */
export const LIKELIHOOD_SCALE: Readonly<Record<Likelihood, { readonly label: string; readonly range: string }>> = {
  'almost-certain': { label: 'Almost certain', range: '95–99%' },
  'very-likely': { label: 'Very likely', range: '80–95%' },
  likely: { label: 'Likely', range: '55–80%' },
  'roughly-even': { label: 'Roughly even chance', range: '45–55%' },
  unlikely: { label: 'Unlikely', range: '20–45%' },
  'very-unlikely': { label: 'Very unlikely', range: '5–20%' },
  'almost-no-chance': { label: 'Almost no chance', range: '1–5%' },
};

/** Confidence is stated apart from likelihood: how well the evidence and reasoning hold up. */
export const Confidence = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof Confidence)[number];
export const CONFIDENCE_MEANING: Readonly<Record<Confidence, string>> = {
  high: 'well-corroborated evidence from sources of more than one perspective, and reasoning with few gaps',
  moderate: 'credible evidence, but from few perspectives or with gaps in coverage or reasoning',
  low: 'thin, fragmentary or one-sided evidence, or reasoning that rests on key assumptions',
};

/** What a source grade means (the Admiralty scale of source reliability). */
export const RELIABILITY_MEANING: Readonly<Record<string, string>> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

/** What kind of disagreement divides the sources on a question. */
export const DisagreementKind = ['fact', 'interpretation', 'values', 'forecast', 'policy'] as const;
export type DisagreementKind = (typeof DisagreementKind)[number];

/** How the sourcing note and a question's heading name each kind of disagreement. */
export const DISAGREEMENT_LABEL: Readonly<Record<DisagreementKind, string>> = {
  fact: 'fact (what happened)',
  interpretation: 'interpretation (what it means)',
  values: 'values (what matters)',
  forecast: 'forecast (what will happen)',
  policy: 'policy (what should be done)',
};
