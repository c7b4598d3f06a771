// model: each document kind's outline. The parts a kind requires (key judgments with their
// likelihood, confidence and basis; assumptions; indicators; turning points; …) are front-matter
// fields or `## ` sections of the body, and a missing one is an error where the report says its
// kind. Parts of another kind are errors too: they would never be printed.
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { splitSections } from '../core/sections.ts';
import { locate, type PathKey, type YamlSource } from '../core/yaml-positions.ts';
import { didYouMean } from '../core/suggest.ts';
import type { DocKind, ReportMeta } from '../validate/index.ts';

/** The body sections each kind requires, by slug, with the heading that makes one. */
export const REQUIRED_SECTIONS: Readonly<Record<DocKind, readonly { slug: string; heading: string }[]>> = {
  'policy-brief': [
    { slug: 'background', heading: 'Background' },
    { slug: 'analysis', heading: 'Analysis' },
    { slug: 'implications', heading: 'Implications' },
  ],
  'comparative-perspectives': [{ slug: 'scope-and-method', heading: 'Scope and method' }],
  chronology: [{ slug: 'coverage-and-date-conventions', heading: 'Coverage and date conventions' }],
};

const KIND_FIELDS: Readonly<Record<DocKind, readonly (keyof ReportMeta)[]>> = {
  'policy-brief': ['judgments', 'why_now', 'alternative', 'assumptions', 'indicators', 'options', 'outlook'],
  'comparative-perspectives': ['summary', 'questions', 'sources', 'blind_spots'],
  chronology: ['turning_points', 'periods'],
};
const NAMED: Readonly<Record<DocKind, string>> = {
  'policy-brief': 'a policy brief',
  'comparative-perspectives': 'a comparative-perspectives document',
  chronology: 'a chronology',
};

const present = (v: unknown) => v !== undefined && !(Array.isArray(v) && v.length === 0);

/** A report as the rules on it read it: its front matter where it is written, and its body. */
export interface ReportInput {
  readonly id: string;
  readonly file: string;
  readonly src: YamlSource;
  readonly meta: ReportMeta;
  readonly body: string;
  readonly bodyLine: number;
}

export interface OutlineInput extends ReportInput {
  readonly eventIds: ReadonlySet<string>;
  /** False when an events file could not be read: an unknown event may be in it, and is not reported again. */
  readonly eventsComplete: boolean;
}

/**
 * The `## ` sections the kind requires that the body lacks, at the body's first line. The body alone
 * decides, so a report whose front matter is in error gets these too, in the same run.
 */
export function missingSections(id: string, kind: DocKind, file: string, body: string, bodyLine: number): Diagnostic[] {
  const sections = splitSections(body);
  return REQUIRED_SECTIONS[kind]
    .filter((need) => !sections.some((s) => s.slug === need.slug))
    .map((need) =>
      diagnostic(
        { file, line: bodyLine, column: 1 },
        'E_MISSING_SECTION',
        `report "${id}" (${NAMED[kind]}) has no "## ${need.heading}" section`,
        didYouMean(
          need.slug,
          sections.map((s) => s.slug),
          `add a section headed "## ${need.heading}" to the body`,
        ),
      ),
    );
}

export function checkOutline(r: OutlineInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { meta: m } = r;
  const kindAt = locate(r.src, ['kind']);
  const at = (path: readonly PathKey[]) => locate(r.src, path);
  const context = `report "${r.id}" (${NAMED[m.kind]})`;
  const missing = (what: string, example: string, where: SourcePos = kindAt) =>
    out.push(diagnostic(where, 'E_MISSING_PART', `${context} has no ${what}`, `add to its front matter: ${example}`));
  const count = (path: PathKey[], n: number, min: number, max: number, what: string) => {
    if (n >= min && n <= max) return;
    out.push(
      diagnostic(
        n === 0 ? kindAt : locate(r.src, path, { key: true }),
        'E_PART_COUNT',
        `${context} has ${n} ${what}; it must have ${min} to ${max}`,
        n < min
          ? `add ${min - n} more under \`${path.join('.')}:\``
          : `keep the ${max} that matter most; the rest belong in the body`,
      ),
    );
  };

  for (const kind of Object.keys(KIND_FIELDS) as DocKind[]) {
    if (kind === m.kind) continue;
    for (const field of KIND_FIELDS[kind]) {
      if (KIND_FIELDS[m.kind].includes(field) || !present(m[field])) continue;
      out.push(
        diagnostic(
          at([field]),
          'E_WRONG_KIND_PART',
          `${context} has \`${field}:\`, which belongs to ${NAMED[kind]} and would not be printed`,
          `remove it, or make the report \`kind: ${kind}\``,
        ),
      );
    }
  }

  out.push(...missingSections(r.id, m.kind, r.file, r.body, r.bodyLine));

  if (m.kind === 'policy-brief') {
    count(['judgments'], m.judgments.length, 3, 6, 'key judgments');
    const ids = new Map<string, number>();
    m.judgments.forEach((j, i) => {
      const where = at(['judgments', i]);
      if (!j.id)
        missing(
          `id for key judgment ${i + 1}`,
          'id: a-short-slug (indicators name the judgment they bear on by it)',
          where,
        );
      else if (ids.has(j.id))
        out.push(
          diagnostic(
            at(['judgments', i, 'id']),
            'E_DUPLICATE_ID',
            `${context}: key judgments ${ids.get(j.id)! + 1} and ${i + 1} share the id "${j.id}"`,
            'give each judgment its own id',
          ),
        );
      else ids.set(j.id, i);
      if (!j.likelihood)
        missing(
          `likelihood for key judgment ${i + 1}`,
          'likelihood: likely (almost-certain, very-likely, likely, roughly-even, unlikely, very-unlikely, almost-no-chance)',
          where,
        );
      if (!j.basis)
        missing(
          `basis for key judgment ${i + 1}'s confidence`,
          'basis: one line on why the confidence is what it is',
          where,
        );
    });
    if (!m.why_now)
      missing(
        'statement of what is new and why it matters now',
        'why_now: what changed, and why a decision-maker should read this now [@claim]',
      );
    if (!m.alternative)
      missing('strongest alternative view', 'alternative: the best case against the key judgments [@claim]');
    if (!m.assumptions.length)
      missing('key assumptions', 'assumptions: [{ text: …, wrong_if: what would make it wrong }]');
    if (!m.indicators.length)
      missing(
        'indicators to watch',
        'indicators: [{ text: what to watch, signals: what it would signal, judgment: <judgment id> }]',
      );
    m.indicators.forEach((x, i) => {
      if (!ids.has(x.judgment) && m.judgments.length) {
        out.push(
          diagnostic(
            at(['indicators', i, 'judgment']),
            'E_UNKNOWN_JUDGMENT',
            `${context}: indicator ${i + 1} bears on judgment "${x.judgment}", which the report does not have`,
            didYouMean(x.judgment, ids.keys(), 'name the id of one of its key judgments'),
          ),
        );
      }
    });
    if (!m.options.length) missing('options or recommendations', 'options: [{ text: …, actor: who would act }]');
    if (!m.outlook) missing('outlook', 'outlook: { horizon: "2027-12", text: … }');
  }

  if (m.kind === 'comparative-perspectives') {
    if (!m.summary)
      missing(
        'summary of where the sources agree, part and leave questions open',
        'summary: { agree: … [@claim], differ: …, unresolved: … }',
      );
    if (!m.questions.length)
      missing(
        'questions',
        'questions: [{ id: <question id>, disagreement: [interpretation], common_ground: … [@claim] }]',
      );
    m.questions.forEach((q, i) => {
      if (typeof q === 'string') {
        out.push(
          diagnostic(
            at(['questions', i]),
            'E_MISSING_PART',
            `${context}: question "${q}" has no kind of disagreement and no common ground`,
            `write it as { id: ${q}, disagreement: [fact | interpretation | values | forecast | policy], common_ground: what the sources share [@claim] }`,
          ),
        );
      }
    });
    if (!m.blind_spots.length)
      missing('blind spots', 'blind_spots: [what no source covers, or only one perspective does]');
  }

  if (m.kind === 'chronology') {
    count(['turning_points'], m.turning_points.length, 3, 7, 'turning points');
    m.turning_points.forEach((t, i) => {
      if (r.eventIds.has(t.event) || !r.eventsComplete) return;
      out.push(
        diagnostic(
          at(['turning_points', i, 'event']),
          'E_UNKNOWN_EVENT',
          `${context}: turning point ${i + 1} names event "${t.event}", which does not exist`,
          didYouMean(t.event, r.eventIds, 'name an event id from data/events/'),
        ),
      );
    });
    if (!m.periods.length)
      missing('periods to group its entries by', 'periods: [{ label: "Before the 2020 war", dates: "2005/2020-09" }]');
  }
  return out;
}
