// select: (report, audience) → what an audience that may not receive internal material gets instead.
// Judgments and tables filter (a judgment whose evidence is all internal is left out, and the build
// says so); prose that cites internal evidence is an error where the audience reads it.
import { citedIds } from '../core/citations.ts';
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import type { Model, Report } from '../model/index.ts';
import type { Audience, Cell, JudgmentData } from '../validate/index.ts';
import type { Section } from './sections.ts';
import type { ProsePart } from '../core/report-parts.ts';

export interface Receiver {
  /** Whether the audience may receive a claim (it may receive the claim's source). */
  readonly claim: (id: string) => boolean;
}

export function receiver(model: Model, audience: Audience): Receiver {
  return {
    claim: (id) => {
      const source = model.sources.get(model.claims.get(id)?.source ?? '');
      return source !== undefined && audience.distribution.includes(source.distribution);
    },
  };
}

const short = (text: string) => (text.length > 70 ? `${text.slice(0, 67).replace(/\s+\S*$/, '')}…` : text);

/**
 * The judgments the audience gets, each with only the evidence it may receive. One whose evidence
 * is all internal is left out with a warning at the judgment, naming the sources it rests on.
 */
export function receivedJudgments(
  report: Report,
  audience: Audience,
  model: Model,
  may: Receiver,
): { judgments: { judgment: JudgmentData; evidence: string[] }[]; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const judgments = report.judgments.flatMap((judgment, i) => {
    const evidence = judgment.evidence.filter(may.claim);
    if (evidence.length > 0) return [{ judgment, evidence }];
    const sources = [...new Set(judgment.evidence.map((id) => model.claims.get(id)?.source ?? id))];
    warnings.push(
      diagnostic(
        report.judgmentsAt[i] ?? report.at,
        'W_JUDGMENT_OMITTED',
        `key judgment ${i + 1} of report "${report.id}" ("${short(judgment.text)}") is left out of the ${audience.id} version: all its evidence comes from internal sources (${sources.join(', ')}), which audience "${audience.id}" may not receive`,
        `to give it to "${audience.id}", cite at least one claim from a public source as its evidence`,
        'warning',
      ),
    );
    return [];
  });
  return { judgments, warnings };
}

/**
 * A body citation of a claim the audience may not receive, in a section it reads, is an error at
 * the citation: the sentence rests on internal evidence and would reach the audience without it.
 */
export function withheldCitations(
  report: Report,
  audience: Audience,
  kept: readonly Section[],
  all: readonly Section[],
  may: Receiver,
): Diagnostic[] {
  const sectionAt = (bodyIndex: number) => [...all].reverse().find((s) => s.line <= bodyIndex);
  const read = new Set(kept.flatMap((s) => citedIds(s.markdown)));
  return report.citations.flatMap((c) => {
    if (!read.has(c.claim) || may.claim(c.claim)) return [];
    const section = sectionAt(c.line - report.bodyLine);
    if (!section || !kept.includes(section)) return [];
    const where = section.slug === 'intro' ? 'before the first heading' : `in section "${section.heading}"`;
    return [
      diagnostic(
        c,
        'E_DISTRIBUTION',
        `report "${report.id}" cites claim "${c.claim}", from an internal source, ${where}, which audience "${audience.id}" receives`,
        section.slug === 'intro'
          ? `move the sentence under a "## " heading that "${audience.id}" omits, cite a public source, or take "${audience.id}" out of the report's audiences`
          : `add "${section.slug}" to the omit list of "${audience.id}" in audiences.yaml (e.g. a section "## Internal assessment", omitted as internal-assessment), cite a public source, or take "${audience.id}" out of the report's audiences`,
      ),
    ];
  });
}

/** Dataset rows whose evidence (their `claim` columns) is all internal stay out of a chart the audience may not see them in. */
export function receivedRows(
  rows: readonly Readonly<Record<string, Cell>>[],
  claimColumns: readonly string[],
  audience: Audience,
  may: Receiver,
): Readonly<Record<string, Cell>>[] {
  return rows.filter((row) => {
    // Derived corpus-* rows carry their source's distribution.
    if (
      typeof row.distribution === 'string' &&
      !audience.distribution.includes(row.distribution as Audience['distribution'][number])
    )
      return false;
    const evidence = claimColumns.flatMap((c) =>
      String(row[c] ?? '')
        .split(/\s+/)
        .filter(Boolean),
    );
    return evidence.length === 0 || evidence.some(may.claim);
  });
}

/** The same for prose written in the front matter (a bottom line, a summary, an option), at its field. */
export function withheldProse(
  report: Report,
  audience: Audience,
  prose: readonly ProsePart[],
  may: Receiver,
): Diagnostic[] {
  return prose.flatMap((p) =>
    citedIds(p.markdown)
      .filter((id) => !may.claim(id))
      .map((id) =>
        diagnostic(
          report.proseAt.get(p.path.join('.')) ?? report.at,
          'E_DISTRIBUTION',
          `report "${report.id}" cites claim "${id}", from an internal source, in \`${p.path.join('.')}\`, which audience "${audience.id}" receives`,
          `cite a public source there, add "${p.slug}" to the omit list of "${audience.id}" in audiences.yaml, or take "${audience.id}" out of the report's audiences`,
        ),
      ),
  );
}

/**
 * The events the audience gets. One whose evidence is all internal is left out, as a judgment is,
 * with a warning at the event: its title, date and note would otherwise tell the reader what the
 * internal source says. An event with no evidence at all names no source to withhold, so it stays.
 */
/** Evidence that is all internal for this audience (none at all is not: it withholds nothing). */
export const withheld = (evidence: readonly string[], may: Receiver) =>
  evidence.length > 0 && !evidence.some(may.claim);

export function receivedEvents<E extends { id: string; title: string; evidence: readonly string[]; at: SourcePos }>(
  events: readonly E[],
  report: Report,
  audience: Audience,
  model: Model,
  may: Receiver,
): { events: E[]; omitted: Set<string>; warnings: Diagnostic[] } {
  const omitted = new Set<string>();
  const warnings: Diagnostic[] = [];
  const kept = events.filter((e) => {
    if (!withheld(e.evidence, may)) return true;
    omitted.add(e.id);
    const sources = [...new Set(e.evidence.map((id) => model.claims.get(id)?.source ?? id))];
    warnings.push(
      diagnostic(
        e.at,
        'W_EVENT_OMITTED',
        `event "${e.id}" ("${short(e.title)}") is left out of the ${audience.id} version of report "${report.id}": all its evidence comes from internal sources (${sources.join(', ')}), which audience "${audience.id}" may not receive`,
        `to give it to "${audience.id}", cite at least one claim from a public source as its evidence`,
        'warning',
      ),
    );
    return false;
  });
  return { events: kept, omitted, warnings };
}
