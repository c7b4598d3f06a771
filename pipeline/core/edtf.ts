// core: EDTF dates (ISO 8601-2 level 1) through the `edtf` package, as strings in, bounds out.
import edtf from 'edtf';

export interface DateBounds {
  /** Earliest instant the date may mean, ms since the epoch (UTC). */
  readonly min: number;
  /** Latest instant; Infinity for an open end (`2023/..`). */
  readonly max: number;
  /** day = 3, month = 2, year = 1; intervals take their start's precision. */
  readonly precision: number;
  readonly interval: boolean;
  readonly uncertain: boolean;
  readonly approximate: boolean;
}

export function isEdtf(value: string): boolean {
  return edtfBounds(value) !== undefined;
}

/** Parsing is a grammar run per string, and a corpus repeats its dates: each is parsed once. */
const known = new Map<string, DateBounds | undefined>();

export function edtfBounds(value: string): DateBounds | undefined {
  if (known.has(value)) return known.get(value);
  const bounds = parse(value);
  if (known.size < 100_000) known.set(value, bounds);
  return bounds;
}

function parse(value: string): DateBounds | undefined {
  try {
    const d = edtf(value, { level: 1 }) as {
      type: string;
      min: number;
      max: number | null;
      precision?: number;
      lower?: { precision: number };
      upper?: { precision: number } | null;
      uncertain?: unknown;
      approximate?: unknown;
    };
    const interval = d.type === 'Interval';
    if (interval && d.max !== null && d.min > d.max) return undefined;
    const precision = d.precision ?? d.lower?.precision ?? d.upper?.precision ?? 1;
    const flag = (v: unknown) => Boolean(v && (typeof v !== 'object' || Object.values(v).some(Boolean)));
    return {
      min: d.min,
      max: d.max ?? Infinity,
      precision,
      interval,
      uncertain: /\?/.test(value) || flag(d.uncertain),
      approximate: /~/.test(value) || flag(d.approximate),
    };
  } catch {
    return undefined;
  }
}
