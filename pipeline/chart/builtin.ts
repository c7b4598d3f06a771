// chart: the charts every chronology and comparative document gets: the timeline and the stance heatmap.
import type { CorpusEvent, Source } from '../model/index.ts';
import type { Lanes, StanceCellInput } from './types.ts';
import { CONTENT_WIDTH } from './theme.ts';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A short label for a source: first author's surname (or two) and the year. */
export function sourceLabel(source: Source): string {
  const surname = (name: string) => name.trim().split(/\s+/).pop() ?? name;
  const names = source.authors.length === 0 ? source.title.slice(0, 20)
    : source.authors.length <= 2 ? source.authors.map(surname).join(' & ')
    : `${surname(source.authors[0]!)} et al.`;
  const year = source.published?.slice(0, 4);
  return year ? `${names} ${year}` : names;
}

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
  return {
    title: { text: title, subtitle: 'Points: events dated to the day. Bars: the whole range of a month, a year, an approximate date or an interval. Numbers refer to the table.' },
    width: CONTENT_WIDTH - 150,
    height: Math.max(80, laneCount * 34),
    data: { values },
    encoding: {
      y: { field: 'lane', type: 'nominal', title: null, sort: 'ascending', axis: { labelFontSize: 10.5, labelLimit: 140 } },
      color: { field: 'lane', type: 'nominal', legend: null },
    },
    layer: [
      { transform: [{ filter: '!datum.point' }], mark: { type: 'bar', height: 7, cornerRadius: 2, opacity: 0.55 },
        encoding: { x: { field: 'start', type: 'temporal', title: null, axis: { format: '%Y', labelFontSize: 10, tickCount: 'year' } }, x2: { field: 'end' } } },
      { transform: [{ filter: 'datum.point' }], mark: { type: 'point', filled: true, size: 46, opacity: 0.9 },
        encoding: { x: { field: 'start', type: 'temporal' } } },
      { mark: { type: 'text', dy: -10, fontSize: 8.5, color: '#333' },
        encoding: { x: { field: 'mid', type: 'temporal' }, text: { field: 'n' }, color: { value: '#333' } } },
    ],
  };
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
