// chart: the timeline every chronology gets: lanes by category or actor, exact days as points,
// vaguer dates as bars over their whole range, each event numbered as in the table.
import type { CorpusEvent } from '../model/index.ts';
import { CONTENT_WIDTH } from './theme.ts';
import type { Lanes } from './types.ts';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const YEAR = 365.25 * 24 * 3600 * 1000;

/** Label levels per lane: 0 above the mark, 1 below, 2 further above, 3 further below. */
const MAX_LEVEL = 3;
/** The events' numbers, in CSS px: 9 px prints at 6.75 pt, above the 6.5 pt floor of any chart label. */
const LABEL_SIZE = 9;

/** Share of the width given to the sparse early years when the scale is split. */
const EARLY_SHARE = 0.28;

interface Row {
  /** The number printed by the event; undefined: none. */
  n: number | undefined;
  title: string;
  date: string;
  lane: string;
  start: string;
  end: string;
  mid: string;
  point: boolean;
}

/** A time → x mapping, piecewise when most events crowd into the last part of a long span. */
interface TimeAxis {
  readonly domain: readonly number[];
  readonly range: readonly number[];
  x(t: number): number;
}

function timeAxis(times: readonly number[], min: number, max: number, width: number): TimeAxis {
  const sorted = [...times].sort((a, b) => a - b);
  const at20 = sorted[Math.floor(sorted.length * 0.2)] ?? min;
  const split = Date.UTC(new Date(at20).getUTCFullYear(), 0, 1);
  const crowded =
    max - min > 8 * YEAR && split - min > 3 * YEAR && max - split < 0.5 * (max - min) && max - split > 2 * YEAR;
  const domain = crowded ? [min, split, max] : [min, max];
  const range = crowded ? [0, width * EARLY_SHARE, width] : [0, width];
  return {
    domain,
    range,
    x(t) {
      for (let i = 1; i < domain.length; i++) {
        if (t <= domain[i]! || i === domain.length - 1) {
          const f = (t - domain[i - 1]!) / Math.max(1, domain[i]! - domain[i - 1]!);
          return range[i - 1]! + f * (range[i]! - range[i - 1]!);
        }
      }
      return 0;
    },
  };
}

/** A line at every 1 January, labelled where there is room (at least 26 px from the last label). */
function yearTicks(
  axis: TimeAxis,
  min: number,
  max: number,
  split: number | undefined,
): { year: number; px: number; label: string; split: boolean }[] {
  const ticks: { year: number; px: number; label: string; split: boolean }[] = [];
  let lastLabel = -Infinity;
  for (let year = new Date(min).getUTCFullYear(); year <= new Date(max).getUTCFullYear() + 1; year++) {
    const t = Date.UTC(year, 0, 1);
    if (t < min - YEAR / 2 || t > max + YEAR / 2) continue;
    const px = Math.round(axis.x(Math.min(Math.max(t, axis.domain[0]!), axis.domain.at(-1)!)) * 10) / 10;
    const room = px - lastLabel >= 26;
    if (room) lastLabel = px;
    ticks.push({ year, px, label: room ? String(year) : '', split: year === split });
  }
  return ticks;
}

/**
 * Places each number label at the lowest level where the previous label on its lane is far
 * enough to the left; past MAX_LEVEL the number is left off (the table still lists the event).
 * Vega-Lite has no label placement for text marks, so this small greedy pass stands in for one.
 */
function staggerLabels(rows: readonly Row[], axis: TimeAxis): (number | undefined)[] {
  const x = rows.map((r) => axis.x(Date.parse(r.mid)));
  const levels: (number | undefined)[] = new Array(rows.length).fill(undefined);
  const lastAt = new Map<string, number[]>();
  const order = rows.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  for (const i of order) {
    if (rows[i]!.n === undefined) continue;
    const gap = 5 + 5.5 * String(rows[i]!.n).length;
    const lane = lastAt.get(rows[i]!.lane) ?? [];
    let level = 0;
    while (level <= MAX_LEVEL && lane[level] !== undefined && x[i]! - lane[level]! < gap) level++;
    if (level > MAX_LEVEL) continue;
    lane[level] = x[i]!;
    lastAt.set(rows[i]!.lane, lane);
    levels[i] = level;
  }
  return levels;
}

export function timelineSpec(
  events: readonly CorpusEvent[],
  lanes: Lanes,
  laneName: (key: string) => string,
  title: string,
  marked?: ReadonlyMap<string, number>,
): Record<string, unknown> {
  // Numbered by the list of events, or (`marked`: a summary without the list) only the turning
  // points, by their number in the document.
  const rows: Row[] = events.flatMap((e, i) => {
    const n = marked ? marked.get(e.id) : i + 1;
    const keys = lanes === 'actor' ? e.actors : [e.category];
    // An open end ("2023/..", "../2021") is drawn up to, or from, the known end.
    const start = Number.isFinite(e.bounds.min) ? e.bounds.min : e.bounds.max;
    const end = Number.isFinite(e.bounds.max) ? e.bounds.max : start;
    const point = e.bounds.precision >= 3 && !e.bounds.interval;
    return keys.map((key) => ({
      n,
      title: e.title,
      date: e.date,
      lane: laneName(key),
      start: iso(start),
      end: iso(end),
      mid: iso((start + end) / 2),
      point,
    }));
  });
  const width = CONTENT_WIDTH - 150;
  const min = Math.min(...rows.map((r) => Date.parse(r.start)));
  const max = Math.max(...rows.map((r) => Date.parse(r.end)));
  const axis = timeAxis(
    rows.map((r) => Date.parse(r.mid)),
    min,
    max,
    width,
  );
  const levels = staggerLabels(rows, axis);
  const maxTier = Math.floor(Math.max(0, ...levels.map((l) => l ?? 0)) / 2);
  // With a yOffset channel Vega-Lite makes the lanes bands and measures offsets from the band's
  // top; marks sit at the band's middle. Even levels go above the mark, odd ones below.
  const step = 2 * (16 + 10 * maxTier) + 4;
  const placed = rows.map((r, i) => {
    const level = levels[i];
    const tier = Math.floor((level ?? 0) / 2);
    const lift = (level ?? 0) % 2 === 0 ? step / 2 - 6 - 10 * tier : step / 2 + 16 + 10 * tier;
    return { ...r, label: level === undefined || r.n === undefined ? '' : String(r.n), lift };
  });
  const hidden = levels.some((l, i) => l === undefined && rows[i]!.n !== undefined);
  const split = axis.domain.length > 2 ? new Date(axis.domain[1]!).getUTCFullYear() : undefined;
  const notes = [
    `Points: events dated to the day. Bars: the whole range of a month, a year, an approximate date or an interval. ${marked ? 'Numbers mark the turning points.' : 'Numbers refer to the list of events.'}`,
    split ? `The scale is wider from ${split} on, where most events fall.` : '',
    hidden ? 'Where events crowd, some numbers are left off; the list gives every event.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const laneCount = new Set(rows.map((r) => r.lane)).size;
  const height = Math.max(60, laneCount * step);
  // Positions are computed here and drawn on a pixel scale: Vega-Lite turns a temporal domain
  // of more than two values into a data extent, so it cannot draw the split scale itself.
  const px = (d: string) => Math.round(axis.x(Date.parse(d)) * 10) / 10;
  const values = placed.map((r) => ({
    ...r,
    xs: px(r.start),
    xe: Math.max(px(r.end), px(r.start) + 2),
    xm: px(r.mid),
  }));
  const ticks = yearTicks(axis, min, max, split);
  const xPixel = { type: 'quantitative', scale: { domain: [0, width], range: [0, width] }, axis: null } as const;
  return {
    title: { text: title, subtitle: notes },
    width,
    height,
    encoding: {
      y: {
        field: 'lane',
        type: 'nominal',
        title: null,
        sort: 'ascending',
        axis: { labelFontSize: 10.5, labelLimit: 140, grid: false },
      },
    },
    layer: [
      {
        data: { values: ticks },
        mark: { type: 'rule', color: '#e3e6ea' },
        encoding: {
          x: { field: 'px', ...xPixel },
          y: { value: 0 },
          y2: { value: height },
          strokeDash: {
            field: 'split',
            type: 'nominal',
            legend: null,
            scale: {
              domain: [false, true],
              range: [
                [1, 0],
                [3, 2],
              ],
            },
          },
          color: { condition: { test: 'datum.split', value: '#8a949e' }, value: '#e3e6ea' },
        },
      },
      {
        data: { values: ticks.filter((t) => t.label !== '') },
        mark: { type: 'text', fontSize: 10, baseline: 'top', dy: 4, color: '#333' },
        encoding: { x: { field: 'px', ...xPixel }, y: { value: height }, text: { field: 'label' } },
      },
      {
        data: { values },
        transform: [{ filter: '!datum.point' }],
        mark: { type: 'bar', height: 7, cornerRadius: 2, opacity: 0.55 },
        encoding: {
          x: { field: 'xs', ...xPixel },
          x2: { field: 'xe' },
          color: { field: 'lane', type: 'nominal', legend: null },
        },
      },
      {
        data: { values },
        transform: [{ filter: 'datum.point' }],
        mark: { type: 'point', filled: true, size: 40, opacity: 0.9 },
        encoding: { x: { field: 'xs', ...xPixel }, color: { field: 'lane', type: 'nominal', legend: null } },
      },
      {
        data: { values },
        mark: { type: 'text', fontSize: LABEL_SIZE, baseline: 'bottom' },
        encoding: {
          x: { field: 'xm', ...xPixel },
          yOffset: { field: 'lift', type: 'quantitative', scale: null },
          text: { field: 'label' },
          color: { value: '#333' },
        },
      },
    ],
  };
}
