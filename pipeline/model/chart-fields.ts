// model: the dataset fields a Vega-Lite spec reads, minus those its own transforms create.
import type { PathKey } from '../core/yaml-positions.ts';

export interface FieldUse {
  readonly field: string;
  readonly path: readonly PathKey[];
}

/** Fields used in `encoding` (top level and in layers) that are neither columns nor derived. */
export function chartFields(spec: Readonly<Record<string, unknown>>, columns: readonly string[]): FieldUse[] {
  const derived = new Set<string>();
  const uses: FieldUse[] = [];
  const visit = (node: unknown, path: PathKey[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, [...path, i]));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (Array.isArray(obj.transform)) {
      for (const t of obj.transform as Record<string, unknown>[]) collectDerived(t, derived);
    }
    if (obj.encoding && typeof obj.encoding === 'object') {
      for (const [channel, def] of Object.entries(obj.encoding as Record<string, unknown>)) {
        const defs = Array.isArray(def) ? def : [def];
        defs.forEach((d, i) => {
          const field = (d as { field?: unknown } | null)?.field;
          if (typeof field === 'string')
            uses.push({ field, path: [...path, 'encoding', channel, ...(Array.isArray(def) ? [i] : []), 'field'] });
        });
      }
    }
    for (const key of ['layer', 'concat', 'hconcat', 'vconcat', 'spec'])
      if (key in obj) visit(obj[key], [...path, key]);
  };
  visit(spec, []);
  return uses.filter((u) => !columns.includes(u.field) && !derived.has(u.field));
}

function collectDerived(transform: Record<string, unknown>, into: Set<string>): void {
  const add = (v: unknown) => {
    if (typeof v === 'string') into.add(v);
    else if (Array.isArray(v)) v.forEach(add);
  };
  add(transform.as);
  for (const key of ['aggregate', 'window', 'joinaggregate']) {
    const ops = transform[key];
    if (Array.isArray(ops)) ops.forEach((op) => add((op as { as?: unknown }).as));
  }
}
