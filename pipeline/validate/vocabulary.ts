// validate: the closed sets of the data model, one `as const` object each, with derived unions.
// The words of estimates (likelihood, confidence, grades) live in core/estimates.ts: templates print them too.

export const SourceKind = ['journal-article', 'feature', 'analysis', 'think-tank', 'news', 'op-ed'] as const;
export type SourceKind = (typeof SourceKind)[number];

export const Reliability = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof Reliability)[number];

export const Distribution = ['public', 'internal'] as const;
export type Distribution = (typeof Distribution)[number];

export const ClaimType = ['fact', 'assessment', 'forecast', 'recommendation', 'reported-speech'] as const;
export type ClaimType = (typeof ClaimType)[number];

export const EventCategory = [
  'agreement',
  'military-exercise',
  'armed-conflict',
  'diplomacy',
  'incident',
  'economy',
  'domestic',
] as const;
export type EventCategory = (typeof EventCategory)[number];

export const DocKind = ['policy-brief', 'comparative-perspectives', 'chronology'] as const;
export type DocKind = (typeof DocKind)[number];

export { Confidence, DisagreementKind, Likelihood } from '../core/estimates.ts';

/** `claim`: a claim id (or several, separated by spaces) that evidences the row; checked against the claims. */
export const ColumnType = ['string', 'integer', 'number', 'edtf', 'boolean', 'claim'] as const;
export type ColumnType = (typeof ColumnType)[number];

export const Detail = ['summary', 'full'] as const;
export type Detail = (typeof Detail)[number];

export const Lanes = ['actor', 'category'] as const;
export type Lanes = (typeof Lanes)[number];

/** Stances run from −2 to +2; questions label the two ends. */
export const STANCE_MIN = -2;
export const STANCE_MAX = 2;
