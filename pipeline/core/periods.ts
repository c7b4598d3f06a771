// core: a chronology's events, and its entries grouped under the periods its report declares.
// Shared by model (an event in no period is an error) and select (the groups are printed).
import { edtfBounds, type DateBounds } from './edtf.ts';

interface Dated {
  readonly id: string;
  readonly bounds: DateBounds;
}

const width = (b: DateBounds) => (Number.isFinite(b.max) ? b.max : Number.MAX_SAFE_INTEGER) - b.min;

/**
 * Earliest start first; where two start together the coarser date comes first ("2022" before
 * "2022-01-15"), so no entry seems more precise than its source made it; then by id.
 */
export const byStart = (a: Dated, b: Dated): number =>
  a.bounds.min - b.bounds.min || width(b.bounds) - width(a.bounds) || a.id.localeCompare(b.id);

/** The events a chronology covers: those it names, or every event that overlaps its period. */
export function chronologyEvents<E extends Dated>(
  events: readonly E[],
  chosen: 'all' | readonly string[],
  period: string | undefined,
): E[] {
  const bounds = period ? edtfBounds(period) : undefined;
  return events.filter((e) =>
    chosen === 'all' ? !bounds || (e.bounds.max >= bounds.min && e.bounds.min <= bounds.max) : chosen.includes(e.id),
  );
}

export interface PeriodGroup<E> {
  readonly label: string;
  readonly dates: string;
  readonly events: readonly E[];
}

/**
 * Events under periods, each in the first period its start falls in, in `byStart` order.
 * `stray` are the events no period holds.
 */
export function groupByPeriod<E extends Dated>(
  events: readonly E[],
  periods: readonly { label: string; dates: string }[],
): { groups: PeriodGroup<E>[]; stray: E[] } {
  const spans = periods.map((p) => edtfBounds(p.dates));
  const groups = periods.map((p) => ({ label: p.label, dates: p.dates, events: [] as E[] }));
  const stray: E[] = [];
  for (const e of events) {
    const i = spans.findIndex((b) => b !== undefined && e.bounds.min >= b.min && e.bounds.min <= b.max);
    if (i < 0) stray.push(e);
    else groups[i]!.events.push(e);
  }
  for (const g of groups) g.events.sort(byStart);
  return { groups: groups.filter((g) => g.events.length > 0), stray };
}
