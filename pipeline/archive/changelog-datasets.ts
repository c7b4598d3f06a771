// archive: one dataset in two editions → its changes, row by row, each changed number with its unit.
import type { Cell } from '../validate/index.ts';
import type { CellChange, CellValue, Change, FieldChange } from './changelog-kinds.ts';
import type { DatasetSummary } from './summary.ts';

type Row = Readonly<Record<string, Cell>>;

const NUMERIC = ['integer', 'number'] as const;
const isNumeric = (type: string | undefined): boolean => (NUMERIC as readonly (string | undefined)[]).includes(type);

/** How many label cells name a row in the changelog ("Iranian-owned companies listed in Georgia, 2010"). */
const LABEL_CELLS = 2;
const LABEL_MAX = 80;

/** A claim cell lists ids separated by spaces: their order is not a change. */
function canon(cell: Cell, type: string | undefined): Cell {
  return type === 'claim' && typeof cell === 'string' ? cell.split(' ').filter(Boolean).sort().join(' ') : cell;
}

/** The column's unit, else the row's `unit` cell, else the dataset's `units`. */
function unitOf(data: DatasetSummary, column: string, row: Row): string | null {
  const rowUnit = column !== 'unit' && typeof row.unit === 'string' && row.unit !== '' ? row.unit : null;
  return data.columns[column]?.unit ?? rowUnit ?? data.units;
}

/** A row's name: its first descriptive cells (not numbers, evidence or the unit), else its number. */
function rowLabel(data: DatasetSummary, row: Row, position: number): string {
  const cells = Object.entries(data.columns)
    .filter(([name, c]) => !isNumeric(c.type) && c.type !== 'claim' && name !== 'unit')
    .map(([name]) => row[name])
    .filter((cell) => cell !== null && cell !== undefined && cell !== '')
    .slice(0, LABEL_CELLS)
    .map(String);
  const label = cells.join(', ');
  if (label === '') return `row ${position}`;
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1).trimEnd()}…` : label;
}

function metaChanges(before: DatasetSummary, after: DatasetSummary): FieldChange[] {
  const fields: FieldChange[] = [];
  if (before.title !== after.title) fields.push({ field: 'title', from: before.title, to: after.title });
  if (before.units !== after.units) fields.push({ field: 'units', from: before.units, to: after.units });
  for (const name of new Set([...Object.keys(after.columns), ...Object.keys(before.columns)])) {
    const [b, a] = [before.columns[name], after.columns[name]];
    if (!a || !b) {
      fields.push({ field: `columns.${name}`, from: b?.type ?? null, to: a?.type ?? null });
      continue;
    }
    for (const key of ['type', 'unit', 'title'] as const) {
      if (b[key] !== a[key]) fields.push({ field: `columns.${name}.${key}`, from: b[key], to: a[key] });
    }
  }
  return fields;
}

/**
 * Rows are matched by a key made of their non-numeric cells (text, dates, evidence), so moving a
 * row is not a change and an edited number shows as that number, old → new. Rows with the same key
 * (or, in a dataset with no non-numeric column, every row) are matched in order, i.e. by position.
 * A row left over on both sides is paired with the nearest one sharing more than half its key cells:
 * a corrected date or name is a changed row, not one removed and one added. Only the columns both
 * editions have are compared; an added or removed column is a `dataset-changed` field.
 */
export function diffDataset(id: string, before: DatasetSummary, after: DatasetSummary): Change[] {
  const changes: Change[] = [];
  const fields = metaChanges(before, after);
  if (fields.length) changes.push({ kind: 'dataset-changed', id, fields });

  const shared = Object.keys(after.columns).filter((c) => Object.hasOwn(before.columns, c));
  const typeOf = (c: string) => after.columns[c]?.type;
  const keyColumns = shared.filter((c) => !isNumeric(typeOf(c)));
  const numericColumns = shared.filter((c) => isNumeric(typeOf(c)));
  const same = (c: string, x: Row, y: Row) => canon(x[c] ?? null, typeOf(c)) === canon(y[c] ?? null, typeOf(c));
  const keyOf = (row: Row) => JSON.stringify(keyColumns.map((c) => canon(row[c] ?? null, typeOf(c))));

  const queues = new Map<string, number[]>();
  before.rows.forEach((row, i) => {
    const key = keyOf(row);
    queues.set(key, [...(queues.get(key) ?? []), i]);
  });
  const pairs: [number, number][] = [];
  const leftNew: number[] = [];
  after.rows.forEach((row, j) => {
    const i = queues.get(keyOf(row))?.shift();
    if (i === undefined) leftNew.push(j);
    else pairs.push([i, j]);
  });
  const leftOld = new Set([...queues.values()].flat());

  if (keyColumns.length > 1) {
    const candidates: { i: number; j: number; score: number }[] = [];
    for (const i of leftOld) {
      for (const j of leftNew) {
        const score = keyColumns.filter((c) => same(c, before.rows[i]!, after.rows[j]!)).length / keyColumns.length;
        if (score > 0.5) candidates.push({ i, j, score });
      }
    }
    candidates.sort((x, y) => y.score - x.score || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i || x.j - y.j);
    const usedNew = new Set<number>();
    for (const { i, j } of candidates) {
      if (!leftOld.has(i) || usedNew.has(j)) continue;
      leftOld.delete(i);
      usedNew.add(j);
      pairs.push([i, j]);
    }
    leftNew.splice(0, leftNew.length, ...leftNew.filter((j) => !usedNew.has(j)));
  }

  for (const [i, j] of pairs) {
    const [b, a] = [before.rows[i]!, after.rows[j]!];
    const cells: CellChange[] = shared
      .filter((c) => !same(c, b, a))
      .map((c) => ({
        column: c,
        from: b[c] ?? null,
        to: a[c] ?? null,
        unit: isNumeric(typeOf(c)) ? unitOf(after, c, a) : null,
      }));
    if (cells.length)
      changes.push({ kind: 'dataset-row-changed', id, row: rowLabel(after, a, j + 1), position: j + 1, cells });
  }
  const values = (data: DatasetSummary, row: Row): CellValue[] =>
    numericColumns
      .filter((c) => row[c] !== null && row[c] !== undefined)
      .map((c) => ({ column: c, value: row[c]!, unit: unitOf(data, c, row) }));
  for (const j of leftNew)
    changes.push({
      kind: 'dataset-row-added',
      id,
      row: rowLabel(after, after.rows[j]!, j + 1),
      position: j + 1,
      values: values(after, after.rows[j]!),
    });
  for (const i of leftOld)
    changes.push({
      kind: 'dataset-row-removed',
      id,
      row: rowLabel(before, before.rows[i]!, i + 1),
      position: i + 1,
      values: values(before, before.rows[i]!),
    });
  return changes;
}
