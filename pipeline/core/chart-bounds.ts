// core: a chart spec (Vega-Lite, or the Vega it compiles to) → the parts that would ask Vega for
// unbounded work. The 5,000-mark limit is checked after the dataflow has run, too late for an
// `impute` over 30 million keys or a `pad()` to 200 MB (R4: the build died of a heap out of
// memory, and took a running `brief serve` with it). Each size here is known before anything runs.
import type { PathKey } from './yaml-positions.ts';

/** Most tuples one transform (or expression) may make: ten times the marks a chart may draw, and more. */
export const MAX_TUPLES = 50_000;
/** Longest string an expression may build, in characters. */
const MAX_STRING = 1_000_000;
/** Most ticks an axis or legend may ask for. */
const MAX_TICKS = 1_000;

export interface WorkProblem {
  readonly path: readonly PathKey[];
  readonly message: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const count = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : 'without end');

/** How many values a {start, stop, step} range holds; Infinity when it cannot be told. */
function rangeSize(r: unknown): number {
  if (Array.isArray(r)) return r.length;
  if (!r || typeof r !== 'object') return 0;
  const { start = 0, stop, step = 1 } = r as { start?: unknown; stop?: unknown; step?: unknown };
  const [a, b, s] = [num(start), num(stop), num(step)];
  if (a === undefined || b === undefined || s === undefined || s === 0) return Infinity;
  return Math.max(0, Math.ceil((b - a) / s));
}

/** The top-level arguments of the call that opens at `open` (the index of its "("). */
function callArguments(expr: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return [...args, expr.slice(from, i)];
    } else if (c === ',' && depth === 1) {
      args.push(expr.slice(from, i));
      from = i + 1;
    }
  }
  return args;
}

/** Vega expression functions whose result grows with an argument: that argument must be a number written out. */
const GROWING: Record<string, { arg: number | 'range'; bound: number; what: string }> = {
  pad: { arg: 1, bound: MAX_STRING, what: 'a string of' },
  repeat: { arg: 1, bound: MAX_STRING, what: 'a string of' },
  padStart: { arg: 0, bound: MAX_STRING, what: 'a string of' },
  padEnd: { arg: 0, bound: MAX_STRING, what: 'a string of' },
  sequence: { arg: 'range', bound: MAX_TUPLES, what: 'an array of' },
};

function expressionProblems(expr: string): string[] {
  const out: string[] = [];
  for (const m of expr.matchAll(/\b(pad|repeat|padStart|padEnd|sequence)\s*\(/g)) {
    const rule = GROWING[m[1]!]!;
    const args = callArguments(expr, m.index! + m[0].length - 1).map((a) => a.trim());
    const literal = (a: string | undefined) =>
      a !== undefined && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(a) ? Number(a) : undefined;
    let size: number;
    if (rule.arg === 'range') {
      const nums = args.map(literal);
      if (nums.some((n) => n === undefined) || nums.length === 0) size = Infinity;
      else {
        const [a, b, s] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
        size = s === 0 ? Infinity : Math.max(0, Math.ceil((b - a) / s));
      }
    } else size = literal(args[rule.arg]) ?? Infinity;
    if (size > rule.bound) {
      out.push(
        Number.isFinite(size)
          ? `${m[1]}() would make ${rule.what} ${count(size)} ${rule.what.includes('string') ? 'characters' : 'values'}, over the limit of ${rule.bound.toLocaleString('en')}`
          : `${m[1]}() is given a size that is not a number written out, so its work cannot be bounded before the chart is drawn (at most ${rule.bound.toLocaleString('en')})`,
      );
    }
  }
  return out;
}

const EXPRESSION_KEYS = new Set(['calculate', 'filter', 'expr', 'test', 'update', 'signal']);

/** Every part of `spec` (Vega-Lite or Vega) that would ask for more work than the limits allow. */
export function chartWorkProblems(spec: unknown): WorkProblem[] {
  const problems: WorkProblem[] = [];
  const over = (path: PathKey[], what: string, n: number, limit = MAX_TUPLES) => {
    if (n > limit)
      problems.push({
        path,
        message: `${what} would make ${count(n)} values, over the limit of ${limit.toLocaleString('en')}`,
      });
  };
  const visit = (node: unknown, path: PathKey[]) => {
    if (Array.isArray(node)) return node.forEach((v, i) => visit(v, [...path, i]));
    if (typeof node === 'string') {
      if (EXPRESSION_KEYS.has(String(path.at(-1)))) {
        for (const message of expressionProblems(node)) problems.push({ path, message });
      }
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ('keyvals' in o) over([...path, 'keyvals'], '"keyvals"', rangeSize(o.keyvals));
    if ('density' in o || o.type === 'kde') {
      for (const key of ['steps', 'minsteps', 'maxsteps'])
        if (key in o) over([...path, key], `density "${key}"`, num(o[key]) ?? Infinity);
    }
    if ('sequence' in o && o.sequence && typeof o.sequence === 'object')
      over([...path, 'sequence'], 'a sequence', rangeSize(o.sequence));
    if (o.type === 'sequence') over(path, 'a sequence', rangeSize(o));
    if ('maxbins' in o) over([...path, 'maxbins'], '"maxbins"', num(o.maxbins) ?? Infinity);
    if (path.at(-1) === 'bin' || o.type === 'bin') {
      const [a, b] = Array.isArray(o.extent) ? o.extent.map(num) : [];
      const step = num(o.step);
      if (a !== undefined && b !== undefined && step !== undefined)
        over([...path, 'step'], 'bins of this "step" over this "extent"', step > 0 ? Math.abs(b - a) / step : Infinity);
    }
    if (Array.isArray(o.frame))
      o.frame.forEach((f, i) => {
        if (num(f) !== undefined) over([...path, 'frame', i], 'a window "frame"', Math.abs(num(f)!));
      });
    if ('quantile' in o || o.type === 'quantile')
      if (num(o.step) !== undefined)
        over([...path, 'step'], 'quantiles of this "step"', num(o.step)! > 0 ? 1 / num(o.step)! : Infinity);
    if ('tickCount' in o && num(o.tickCount) !== undefined)
      over([...path, 'tickCount'], '"tickCount"', num(o.tickCount)!, MAX_TICKS);
    for (const [key, value] of Object.entries(o)) visit(value, [...path, key]);
  };
  visit(spec, []);
  return problems;
}

/** The hint every such problem gets, with the bounds stated. */
export const WORK_HINT = `a chart's transforms and expressions may make at most ${MAX_TUPLES.toLocaleString('en')} values each (and strings of at most ${MAX_STRING.toLocaleString('en')} characters, ${MAX_TICKS.toLocaleString('en')} ticks), all known before it is drawn: use a smaller range or step, or aggregate the data`;
