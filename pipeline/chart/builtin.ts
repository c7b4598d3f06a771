// chart: the charts every chronology and comparative document gets: the timeline and the stance heatmap.
import type { CorpusEvent } from '../model/index.ts';
import type { Lanes, StanceCellInput } from './types.ts';
import { CONTENT_WIDTH } from './theme.ts';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);


/**
 * Events on lanes: a day-precise date is a point, anything vaguer (month, year,
 * approximate, interval) a bar over its whole range, so uncertainty shows as width.
 */
export function timelineSpec(events: readonly CorpusEvent[], lanes: Lanes, laneName: (key: string) => string, title: string): Record<string, unknown> {
  const values = events.flatMap((e, i) => {
    const keys = lanes === 'actor' ? e.actors : [e.category];
    const end = Number.isFinite(e.bounds.max) ? e.bounds.max : e.bounds.min;
    const point = e.bounds.precision >= 3 && !e.bounds.interval;
    return keys.map((key) => ({
      n: i + 1,
      title: e.title,
      date: e.date,
      lane: laneName(key),
      start: iso(e.bounds.min),
      end: iso(end),
      mid: iso((e.bounds.min + end) / 2),
      point,
    }));
  });
  const laneCount = new Set(values.map((v) => v.lane)).size;
  const width = CONTENT_WIDTH - 150;
  const levels = staggerLabels(values, width);
  const maxLevel = Math.max(0, ...levels);
  // With a yOffset channel Vega-Lite makes the lanes bands and measures offsets from the band's
  // top; marks sit at the band's middle. Even levels go above the mark, odd ones below, each
  // further tier 9 px further out, so a crowded lane grows half as tall.
  const maxTier = Math.floor(maxLevel / 2);
  const step = 2 * (16 + 9 * maxTier) + 4;
  const placed = values.map((v, i) => {
    const level = levels[i]!;
    const tier = Math.floor(level / 2);
    const lift = level % 2 === 0 ? step / 2 - 6 - 9 * tier : step / 2 + 15 + 9 * tier;
    return { ...v, lift };
  });
  return {
    title: { text: title, subtitle: 'Points: events dated to the day. Bars: the whole range of a month, a year, an approximate date or an interval. Numbers refer to the table.' },
    width,
    height: Math.max(60, laneCount * step),
    data: { values: placed },
    encoding: {
      y: { field: 'lane', type: 'nominal', title: null, sort: 'ascending', axis: { labelFontSize: 10.5, labelLimit: 140 } },
      color: { field: 'lane', type: 'nominal', legend: null },
    },
    layer: [
      { transform: [{ filter: '!datum.point' }], mark: { type: 'bar', height: 7, cornerRadius: 2, opacity: 0.55 },
        encoding: { x: { field: 'start', type: 'temporal', title: null, axis: { format: '%Y', labelFontSize: 10, tickCount: 'year' } }, x2: { field: 'end' } } },
      { transform: [{ filter: 'datum.point' }], mark: { type: 'point', filled: true, size: 46, opacity: 0.9 },
        encoding: { x: { field: 'start', type: 'temporal' } } },
      { mark: { type: 'text', fontSize: 8.5, baseline: 'bottom' },
        encoding: { x: { field: 'mid', type: 'temporal' }, yOffset: { field: 'lift', type: 'quantitative', scale: null }, text: { field: 'n' }, color: { value: '#333' } } },
    ],
  };
}

/**
 * Lifts the number labels of events that would collide on the same lane: each label takes the
 * lowest level where the previous label is far enough to the left. Vega-Lite has no label
 * placement of its own for text marks, so this small greedy pass stands in for one.
 */
function staggerLabels(values: readonly { lane: string; mid: string; n: number }[], width: number): number[] {
  const times = values.map((v) => Date.parse(v.mid));
  const min = Math.min(...times);
  const span = Math.max(1, Math.max(...times) - min);
  const x = times.map((t) => ((t - min) / span) * width);
  const levels = new Array<number>(values.length).fill(0);
  const lastAt = new Map<string, number[]>();
  const order = values.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  for (const i of order) {
    const gap = 6 + 5 * String(values[i]!.n).length;
    const lane = lastAt.get(values[i]!.lane) ?? [];
    let level = 0;
    while (lane[level] !== undefined && x[i]! - lane[level]! < gap) level++;
    lane[level] = x[i]!;
    lastAt.set(values[i]!.lane, lane);
    levels[i] = level;
  }
  return levels;
}

/** Sources × questions, coloured by stance; "not addressed" is grey and written out, never read as neutral. */
export function stanceSpec(cells: readonly StanceCellInput[], title: string): Record<string, unknown> {
  const values = cells.map((c) => ({
    source: c.sourceLabel,
    question: c.questionLabel,
    stance: c.stance ?? null,
    label: c.stance === undefined ? 'not addressed' : (c.stance > 0 ? '+' : c.stance < 0 ? '\u2212' : '') + Math.abs(c.stance).toFixed(Number.isInteger(c.stance) ? 0 : 1),
  }));
  const sources = [...new Set(values.map((v) => v.source))];
  return {
    title: { text: title, subtitle: 'Mean stance of each source\u2019s claims: \u22122 = the low end of the question\u2019s scale, +2 = the high end.' },
    width: Math.min(CONTENT_WIDTH - 190, sources.length * 120),
    height: { step: 38 },
    data: { values },
    encoding: {
      x: { field: 'source', type: 'nominal', sort: sources, title: null, axis: { orient: 'top', labelAngle: 0, labelFontSize: 10, domain: false, ticks: false } },
      y: { field: 'question', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 10.5, labelLimit: 180, domain: false, ticks: false } },
    },
    layer: [
      { mark: { type: 'rect', color: '#f0f1f3', stroke: 'white', strokeWidth: 2 } },
      { transform: [{ filter: 'datum.stance !== null' }], mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: { color: { field: 'stance', type: 'quantitative', scale: { domain: [-2, 2], scheme: 'blueorange' }, legend: { title: 'Stance', orient: 'right', direction: 'vertical', gradientLength: 90, values: [-2, -1, 0, 1, 2] } } } },
      { mark: { type: 'text', fontSize: 10 },
        encoding: { text: { field: 'label' }, color: { condition: { test: 'datum.stance !== null && abs(datum.stance) >= 1.5', value: 'white' }, value: '#222' } } },
    ],
  };
}
