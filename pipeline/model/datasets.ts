// model: datasets and the charts drawn from them: each claim a row names, each field a chart uses, exists.
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { didYouMean } from '../core/suggest.ts';
import { locate } from '../core/yaml-positions.ts';
import type { ValidatedCorpus } from '../validate/index.ts';
import { chartFields } from './chart-fields.ts';
import type { HeldBack, Index, Ref } from './references.ts';
import type { Chart, Claim, Dataset } from './types.ts';

/** A dataset's evidence, and its columns of type `claim`, name claims that exist. */
export function checkDatasetEvidence(
  corpus: ValidatedCorpus,
  claims: ReadonlyMap<string, Claim>,
  heldBack: HeldBack,
  ref: Ref,
  diagnostics: Diagnostic[],
): void {
  for (const d of corpus.datasets) {
    d.value.evidence.forEach((id, i) =>
      ref('claim', id, claims, d.src, ['evidence', i], 'E_UNKNOWN_CLAIM', `dataset "${d.id}"`),
    );
    // Columns of type `claim` tie each row to its evidence.
    const claimColumns = Object.entries(d.value.columns)
      .filter(([, c]) => c.type === 'claim')
      .map(([name]) => name);
    d.rows.forEach((row, i) => {
      for (const column of claimColumns) {
        for (const id of String(row[column] ?? '')
          .split(/\s+/)
          .filter(Boolean)) {
          if (claims.has(id) || heldBack(id)) continue;
          const row = d.table.rows[i];
          const line = row?.line ?? 1;
          diagnostics.push(
            diagnostic(
              { file: d.table.file, line, column: row?.columns?.[column] ?? 1 },
              'E_UNKNOWN_CLAIM',
              `dataset "${d.id}", row ${line}, names claim "${id}" as its evidence, which does not exist`,
              didYouMean(id, claims.keys(), 'name an existing claim id'),
            ),
          );
        }
      }
    });
  }
}

/** The charts by id, each checked against the dataset it draws. */
export function modelCharts(
  corpus: ValidatedCorpus,
  datasets: ReadonlyMap<string, Dataset>,
  index: Index,
  ref: Ref,
  diagnostics: Diagnostic[],
): Map<string, Chart> {
  return index<Chart>(
    'chart',
    corpus.charts.flatMap((c) => {
      const dataset = datasets.get(c.value.data.name);
      ref('dataset', c.value.data.name, datasets, c.src, ['data', 'name'], 'E_UNKNOWN_DATASET', `chart "${c.id}"`);
      if (dataset) {
        for (const f of chartFields(c.value, Object.keys(dataset.meta.columns))) {
          diagnostics.push(
            diagnostic(
              locate(c.src, f.path),
              'E_UNKNOWN_FIELD',
              `chart "${c.id}" uses field "${f.field}", which dataset "${dataset.id}" does not have`,
              didYouMean(
                f.field,
                Object.keys(dataset.meta.columns),
                `its columns are: ${Object.keys(dataset.meta.columns).join(', ')}`,
              ),
            ),
          );
        }
      }
      const title = typeof c.value.title === 'string' ? c.value.title : c.value.title.text;
      return [{ id: c.id, at: c.at, value: { id: c.id, title, dataset: c.value.data.name, spec: c.value, at: c.at } }];
    }),
  );
}
