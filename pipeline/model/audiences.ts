// model: audiences.yaml entries + a report's `audiences:` + brief.config.yaml's → each audience with
// its positions, and who gets each report: its own list, else the config's, else every audience.
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { didYouMean } from '../core/suggest.ts';
import { locate } from '../core/yaml-positions.ts';
import type { DefaultAudiences } from '../config/file.ts';
import type { Audience, Distribution, DocKind, Located } from '../validate/index.ts';
import { AudiencesFrom, type AudienceEntry } from './types.ts';
import { PART_SLUGS } from '../core/report-parts.ts';

/** Each entry with where it and its page budgets are written (E_PAGE_BUDGET points there). */
export function audienceEntries(
  list: readonly Located<Audience>[],
): { id: string; at: SourcePos; value: AudienceEntry }[] {
  return list.map((l) => ({
    id: l.value.id,
    at: locate(l.src, [...l.path, 'id']),
    value: {
      ...l.value,
      at: l.at,
      omitAt: l.value.omit.map((_, i) => locate(l.src, [...l.path, 'omit', i])),
      budgetAt: Object.fromEntries(
        Object.keys(l.value.page_budget).map((kind) => [kind, locate(l.src, [...l.path, 'page_budget', kind])]),
      ) as Partial<Record<DocKind, SourcePos>>,
    },
  }));
}

/** The config's default audiences must exist: checked once, where the config names them. */
export function checkDefaultAudiences(
  defaults: DefaultAudiences | undefined,
  audiences: ReadonlyMap<string, AudienceEntry>,
): Diagnostic[] {
  if (!defaults) return [];
  return defaults.ids.flatMap((id, i) =>
    audiences.has(id)
      ? []
      : [
          diagnostic(
            defaults.at[i]!,
            'E_UNKNOWN_AUDIENCE',
            `brief.config.yaml names audience "${id}" as a default, which does not exist`,
            didYouMean(
              id,
              audiences.keys(),
              `define it in audiences.yaml, or use one of: ${[...audiences.keys()].join(', ')}`,
            ),
          ),
        ],
  );
}

/**
 * Who gets a report. Its own list wins, then the config's, then every audience. Only a list the
 * report writes itself is taken at its word: from the others, an audience the report's
 * distribution may not go to is simply left out (select/ makes a named one an error).
 */
export function reportAudiences(
  own: readonly string[] | undefined,
  distribution: Distribution,
  defaults: DefaultAudiences | undefined,
  audiences: ReadonlyMap<string, AudienceEntry>,
): { audiences: readonly string[]; audiencesFrom: AudiencesFrom } {
  if (own) return { audiences: own, audiencesFrom: AudiencesFrom.report };
  const from = defaults ? AudiencesFrom.config : AudiencesFrom.all;
  const listed = defaults ? defaults.ids : [...audiences.keys()];
  return {
    audiences: listed.filter((id) => audiences.get(id)?.distribution.includes(distribution)),
    audiencesFrom: from,
  };
}

/**
 * An `omit:` slug that names no section of any report and no part of any outline would leave
 * nothing out, silently: a warning at the slug, with the nearest name as hint.
 */
export function unknownOmits(
  audiences: ReadonlyMap<string, AudienceEntry>,
  sectionSlugs: ReadonlySet<string>,
): Diagnostic[] {
  const known = new Set([...PART_SLUGS, ...sectionSlugs]);
  return [...audiences.values()].flatMap((a) =>
    a.omit.flatMap((slug, i) =>
      known.has(slug)
        ? []
        : [
            diagnostic(
              a.omitAt[i] ?? a.at,
              'W_UNKNOWN_OMIT',
              `audience "${a.id}" omits "${slug}", which is no section of any report and no part of any outline, so nothing is left out`,
              didYouMean(
                slug,
                known,
                `a section's slug is its "## " heading in lower case with hyphens (e.g. internal-assessment); the parts are: ${PART_SLUGS.join(', ')}`,
              ),
              'warning',
            ),
          ],
    ),
  );
}
