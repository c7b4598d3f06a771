// validate: chart specs: Vega-Lite's schema, no reference out of the document, bounded work.
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { locate, type PathKey, type YamlSource } from '../core/yaml-positions.ts';
import { valueAt } from '../core/yaml-values.ts';
import { chartWorkProblems, WORK_HINT } from '../core/chart-bounds.ts';
import { didYouMean } from '../core/suggest.ts';
import { baseName, type Checker } from './check.ts';
import { chartDescriptionProblems } from './chart-description.ts';
import { ChartSpec } from './schemas.ts';
import type { ValidChart } from './types.ts';
import { type ChartSchema, loadChartSchema, type SchemaProblem, vegaLiteVersion } from './vega-lite-schema.ts';
import { type CheckCache, checkKey } from './cache.ts';

export function checkCharts(
  files: readonly YamlSource[],
  { check }: Checker,
  diagnostics: Diagnostic[],
  cache?: CheckCache,
): ValidChart[] {
  // Loaded when a chart is not in the cache or has a problem to say ("did you mean" needs its keys).
  let chartSchema: ChartSchema | undefined;
  const schema = () => (chartSchema ??= loadChartSchema());
  return files.flatMap((src) => {
    const spec = check(src, ChartSpec);
    if (!spec) return [];
    for (const at of externalReferences(valueAt(src, []))) {
      diagnostics.push(
        diagnostic(
          locate(src, at, { key: true }),
          'E_CHART_EXTERNAL',
          'a chart may not load anything from a URL or file, nor link to one',
          'give the chart its data through "data": {"name": "<dataset-id>"} at the top of the spec; images, lookups from URLs and links (href) are not allowed: a printed page cannot follow them',
        ),
      );
    }
    diagnostics.push(...chartDescriptionProblems(src, valueAt(src, []), baseName(src.file)));
    // Work the spec would ask of Vega, bounded before anything runs (chart-bounds.ts).
    for (const w of chartWorkProblems(valueAt(src, []))) {
      diagnostics.push(
        diagnostic(
          locate(src, w.path),
          'E_CHART_INVALID',
          `chart "${baseName(src.file)}" cannot be drawn: ${w.message}`,
          WORK_HINT,
        ),
      );
    }
    // Every independent problem of the spec at once; the chart is kept in the corpus all the same,
    // so reports that name it raise no second, misleading error.
    for (const problem of schemaProblems(src, schema, cache)) {
      diagnostics.push(chartDiagnostic(src, problem, schema().knownKeys, valueAt(src, problem.path)));
    }
    return [{ ...spec, id: baseName(src.file) }];
  });
}

/**
 * What Vega-Lite's schema finds in a chart, kept by the chart's text and Vega-Lite's version (the
 * schema is its). Kept as JSON gives it back, and used so on the first run too: an absent and an
 * undefined `unknownKey` or `allowed` read alike in chartDiagnostic.
 */
function schemaProblems(src: YamlSource, schema: () => ChartSchema, cache?: CheckCache): readonly SchemaProblem[] {
  const key = cache && checkKey(`vega-lite@${vegaLiteVersion()}`, src);
  const kept = key ? cache?.get(key) : undefined;
  if (kept) return kept.value as SchemaProblem[];
  const problems = JSON.parse(JSON.stringify(schema().checkAll(valueAt(src, [])))) as SchemaProblem[];
  if (key) cache?.set(key, problems);
  return problems;
}

function chartDiagnostic(
  src: YamlSource,
  problem: SchemaProblem,
  knownKeys: ReadonlySet<string>,
  value: unknown,
): Diagnostic {
  if (problem.unknownKey !== undefined) {
    return diagnostic(
      locate(src, problem.path, { key: true }),
      'E_UNKNOWN_KEY',
      `chart spec: ${problem.message}, which Vega-Lite does not know`,
      didYouMean(
        problem.unknownKey,
        knownKeys,
        'see https://vega.github.io/vega-lite/docs/ for the keys each part of a spec takes',
      ),
    );
  }
  if (problem.allowed) {
    return diagnostic(
      locate(src, problem.path),
      'E_CHART_SCHEMA',
      `chart spec: ${JSON.stringify(value)} at ${problem.message.replace(/ is not one of.*/, '')} is not a value Vega-Lite allows there`,
      didYouMean(String(value), problem.allowed, `use one of: ${problem.allowed.slice(0, 12).join(', ')}`),
    );
  }
  return diagnostic(
    locate(src, problem.path),
    'E_CHART_SCHEMA',
    `chart spec: ${problem.message}`,
    'check this part of the spec against the Vega-Lite documentation',
  );
}

/** Paths of every `url` (data, lookups, images) and of nested named data in a spec. */
function externalReferences(spec: unknown, path: PathKey[] = []): PathKey[][] {
  if (Array.isArray(spec)) return spec.flatMap((v, i) => externalReferences(v, [...path, i]));
  if (!spec || typeof spec !== 'object') return [];
  return Object.entries(spec).flatMap(([key, value]) => {
    const here = [...path, key];
    // A link (the href channel or mark property) points out of the document too, and Vega cannot draw one without a browser.
    if (key === 'url' || key === 'href') return [here];
    if (key === 'name' && path.at(-1) === 'data' && path.length > 1) return [here];
    return externalReferences(value, here);
  });
}
