// validate: dataset tables: every declared column present, every cell of its declared type.
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { didYouMean } from '../core/suggest.ts';
import { locate } from '../core/yaml-positions.ts';
import type { TableSource } from '../load/types.ts';
import { isEdtf } from '../core/edtf.ts';
import type { DatasetMeta } from './schemas.ts';
import type { Cell, Located } from './types.ts';
import type { ColumnType } from './vocabulary.ts';

function convert(raw: Cell, type: ColumnType): { ok: true; value: Cell } | { ok: false } {
  if (raw === null || raw === '') return { ok: true, value: null };
  const text = String(raw).trim();
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'claim':
      return /^[a-z0-9-]+\/[a-z0-9-]+(\s+[a-z0-9-]+\/[a-z0-9-]+)*$/.test(text)
        ? { ok: true, value: text }
        : { ok: false };
    case 'integer':
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false };
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? { ok: true, value: Number(text) } : { ok: false };
    case 'boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false };
    case 'edtf':
      return isEdtf(text) ? { ok: true, value: text } : { ok: false };
  }
}

const TYPE_HINT: Record<ColumnType, string> = {
  string: 'any text',
  integer: 'a whole number such as 12, without units or separators',
  number: 'a number such as 3.5, without units or thousands separators',
  boolean: 'true or false',
  edtf: 'an EDTF date such as 2021-06-15, 2021-10 or 2013',
  claim: 'one or more claim ids (<source-id>/<slug>) separated by spaces',
};

export function typeTable(
  meta: Located<DatasetMeta>,
  table: TableSource,
): { rows: Record<string, Cell>[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const declared = Object.keys(meta.value.columns);
  for (const column of declared) {
    if (!table.columns.includes(column)) {
      diagnostics.push(
        diagnostic(
          locate(meta.src, ['columns', column], { key: true }),
          'E_MISSING_COLUMN',
          `column "${column}" is declared here but ${table.file} has no such column`,
          didYouMean(column, table.columns, `the data file's columns are: ${table.columns.join(', ')}`),
        ),
      );
    }
  }
  for (const [index, column] of table.columns.entries()) {
    if (!declared.includes(column)) {
      diagnostics.push(
        diagnostic(
          { file: table.file, line: 1, column: index + 1 },
          'E_UNDECLARED_COLUMN',
          `column "${column}" is not declared in ${meta.src.file}`,
          `add it under "columns:" with its type (${Object.keys(TYPE_HINT).join(', ')})`,
        ),
      );
    }
  }
  const rows = table.rows.map((row) => {
    const out: Record<string, Cell> = {};
    for (const [column, spec] of Object.entries(meta.value.columns)) {
      const raw = row.cells[column] ?? null;
      const converted = convert(raw, spec.type);
      if (converted.ok) out[column] = converted.value;
      else {
        diagnostics.push(
          diagnostic(
            { file: table.file, line: row.line, column: row.columns?.[column] ?? 1 },
            'E_BAD_CELL',
            `row ${row.line}, column "${column}": ${JSON.stringify(raw)} is not ${spec.type === 'edtf' ? 'an EDTF date' : spec.type === 'claim' ? 'a claim id' : `a${spec.type === 'integer' ? 'n' : ''} ${spec.type}`}`,
            `the sidecar declares this column as ${spec.type}: write ${TYPE_HINT[spec.type]}`,
          ),
        );
      }
    }
    return out;
  });
  return { rows, diagnostics };
}
