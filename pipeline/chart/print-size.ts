// chart: a chart as it will print: integer ticks for integer data, and no wider than the text
// column, so the page never scales the SVG (and its labels) down.

type Node = Record<string, unknown>;

const COUNT_OPS = new Set(['count', 'distinct', 'valid', 'missing']);
const CHANNELS = ['x', 'y', 'x2', 'y2', 'color', 'size', 'opacity'] as const;

/** Fields whose every value is an integer: in the data given inline, and counts made by transforms. */
function integerFields(values: readonly Node[], transforms: readonly Node[]): Set<string> {
  const fields = new Set<string>();
  const keys = new Set(values.flatMap((row) => Object.keys(row)));
  for (const key of keys) {
    const seen = values.map((row) => row[key]).filter((v) => v !== null && v !== undefined && v !== '');
    if (seen.length && seen.every((v) => typeof v === 'number' && Number.isInteger(v))) fields.add(key);
  }
  for (const t of transforms) {
    const ops = [...((t.aggregate as Node[] | undefined) ?? []), ...((t.joinaggregate as Node[] | undefined) ?? [])];
    for (const op of ops) {
      const as = op.as as string | undefined;
      if (!as) continue;
      if (COUNT_OPS.has(op.op as string) || (op.op === 'sum' && fields.has(op.field as string))) fields.add(as);
      else fields.delete(as);
    }
    if (typeof t.as === 'string') fields.delete(t.as);
  }
  return fields;
}

/** An integer-valued quantitative channel: a count, or a plain (not averaged, not binned) integer field. */
function isIntegerChannel(def: Node, fields: Set<string>): boolean {
  if (def.type !== 'quantitative' || def.bin) return false;
  if (def.aggregate === 'count') return true;
  if (def.aggregate !== undefined && def.aggregate !== 'sum' && def.aggregate !== 'min' && def.aggregate !== 'max')
    return false;
  return typeof def.field === 'string' && fields.has(def.field);
}

/**
 * Gives every quantitative axis or legend over integer data integer ticks ("2.5 assets" is no
 * count): `tickMinStep: 1` and, on axes, `format: "d"`, unless the spec says otherwise.
 */
export function integerTicks(spec: Node): Node {
  const out = structuredClone(spec);
  const visit = (node: Node, values: readonly Node[], transforms: readonly Node[]) => {
    const own = (node.data as { values?: Node[] } | undefined)?.values;
    const rows = Array.isArray(own) ? own : values;
    const steps = [...transforms, ...((node.transform as Node[] | undefined) ?? [])];
    const fields = integerFields(rows, steps);
    const encoding = node.encoding as Record<string, Node | undefined> | undefined;
    for (const channel of CHANNELS) {
      const def = encoding?.[channel];
      if (!def || !isIntegerChannel(def, fields)) continue;
      const guide = channel === 'x' || channel === 'y' || channel === 'x2' || channel === 'y2' ? 'axis' : 'legend';
      if (def[guide] === null) continue;
      const given = (def[guide] as Node | undefined) ?? {};
      def[guide] = guide === 'axis' ? { tickMinStep: 1, format: 'd', ...given } : { tickMinStep: 1, ...given };
    }
    for (const key of ['layer', 'concat', 'hconcat', 'vconcat'] as const)
      for (const child of (node[key] as Node[] | undefined) ?? []) visit(child, rows, steps);
    if (node.spec && typeof node.spec === 'object') visit(node.spec as Node, rows, steps);
  };
  visit(out, [], []);
  return out;
}

/** A chart drawn to SVG, with the size it was drawn at, in CSS px. */
export interface Drawn {
  /** The Vega-Lite spec it was drawn from. */
  readonly spec: Node;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** How tall a chart may print for an audience that reads a summary (`detail: summary`): 60 mm, in CSS px. */
export const SUMMARY_CHART_HEIGHT = 227;

/**
 * The chart drawn again no wider (or taller) than `max` px, so the page never scales it, and its
 * labels, down: its numeric width (height) cut by the overflow. A probe 10 px narrower says how
 * many px the drawing loses per px of the spec (a facet of three columns loses three), so facets
 * and wrapped columns are cut by their share. Unchanged when it fits, or has no number to cut.
 */
export async function fitted(
  drawn: Drawn,
  dim: 'width' | 'height',
  max: number,
  draw: (spec: Node) => Promise<Drawn>,
): Promise<Drawn> {
  const { spec } = drawn;
  const over = drawn[dim] - max;
  const size = ((spec.spec as Node | undefined) ?? spec)[dim];
  if (over <= 0 || typeof size !== 'number') return drawn;
  const sized = (n: number) => {
    const out = structuredClone(spec);
    ((out.spec as Node | undefined) ?? out)[dim] = n;
    return out;
  };
  const probe = await draw(sized(size - 10));
  const per = (drawn[dim] - probe[dim]) / 10;
  if (per <= 0) return drawn;
  const next = Math.floor(size - over / per);
  return next < 16 ? drawn : draw(sized(next));
}
