// chart: the alternate text of the built-in charts, made from their data: what a sighted reader
// sees in the stance matrix and the timeline, in words (the PDF's /Alt, the figure's aria-label).
import type { CorpusEvent } from '../model/index.ts';
import type { Lanes, StanceCellInput } from './types.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const signed = (v: number) => (v > 0 ? '+' : v < 0 ? '\u2212' : '') + Math.abs(v).toFixed(Number.isInteger(v) ? 0 : 1);

/** "Where the sources stand: stances of 5 sources on 6 questions, …. Question: Source +2, …; …" */
export function stanceAlt(cells: readonly StanceCellInput[], title: string, note?: string): string {
  const sources = [...new Set(cells.map((c) => c.sourceLabel))];
  const questions = [...new Set(cells.map((c) => c.questionLabel))];
  const rows = questions.map((q) => {
    const said = cells
      .filter((c) => c.questionLabel === q)
      .map((c) => `${c.sourceLabel} ${c.stance === undefined ? 'not addressed' : signed(c.stance)}`);
    return `${q}: ${said.join(', ')}`;
  });
  const silent = cells.filter((c) => c.stance === undefined).length;
  return (
    `${title}: a matrix of the mean stance of ${plural(sources.length, 'source')} on ${plural(questions.length, 'question')}, ` +
    `from \u22122 (the low end of a question\u2019s scale) to +2 (the high end)` +
    (silent ? `; ${plural(silent, 'cell')} not addressed` : '') +
    `. ${note ? `${note} ` : ''}${rows.join('; ')}.`
  );
}

const year = (ms: number) => new Date(ms).getUTCFullYear();

/** "Timeline of events: 24 events from 2020 to 2024 in 4 lanes by category: …; most in 2022 (9)." */
export function timelineAlt(
  events: readonly CorpusEvent[],
  lanes: Lanes,
  laneName: (key: string) => string,
  title: string,
  turningPointsOnly = false,
): string {
  const starts = events.map((e) => (Number.isFinite(e.bounds.min) ? e.bounds.min : e.bounds.max));
  const ends = events.map((e) => (Number.isFinite(e.bounds.max) ? e.bounds.max : e.bounds.min));
  const first = year(Math.min(...starts));
  const last = year(Math.max(...ends));
  const perLane = new Map<string, number>();
  for (const e of events)
    for (const key of lanes === 'actor' ? e.actors : [e.category])
      perLane.set(laneName(key), (perLane.get(laneName(key)) ?? 0) + 1);
  const perYear = new Map<number, number>();
  for (const s of starts) perYear.set(year(s), (perYear.get(year(s)) ?? 0) + 1);
  const [busiest, most] = [...perYear].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [first, 0];
  const laneList = [...perLane].map(([name, n]) => `${name} (${n})`).join(', ');
  const span = first === last ? `in ${first}` : `from ${first} to ${last}`;
  return (
    `${title}: ${plural(events.length, 'event')} ${span}, in ${plural(perLane.size, 'lane')} by ` +
    `${lanes === 'actor' ? 'actor' : 'category'}: ${laneList}. The most fall in ${busiest} (${most}). ` +
    `Exact days are drawn as points, vaguer dates as bars over their range, ${turningPointsOnly ? 'the turning points numbered as in their list' : 'each numbered as in the table of entries'}.`
  );
}
