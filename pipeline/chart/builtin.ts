// chart: the stance heatmap every comparative document gets (the timeline is in timeline.ts).
import type { StanceCellInput } from './types.ts';
import { CONTENT_WIDTH } from './theme.ts';

/**
 * What the questions' short labels abbreviate, spelled out: "AZ = Azerbaijan, TR = Turkey" for the
 * actor ids ("TR–AZ threat to Iran") among `names` (actor id → name), or undefined if none. A
 * document may print the chart without the questions in full (the executive comparison does), so
 * its caption is the only place a reader can learn them.
 */
export function abbreviationsNote(
  cells: readonly StanceCellInput[],
  names: ReadonlyMap<string, string>,
): string | undefined {
  const used = new Set(cells.flatMap((c) => c.questionLabel.match(/\b[A-Z]{2,5}\b/g) ?? []));
  const spelled = [...used]
    .filter((id) => names.has(id) && names.get(id) !== id)
    .sort()
    .map((id) => `${id} = ${names.get(id)}`);
  return spelled.length ? `In the questions, ${spelled.join(', ')}.` : undefined;
}

/**
 * Sources × questions, coloured by stance; "not addressed" is a blank cell with a dashed edge, written
 * out, never read as neutral. `note` follows the caption's key to the scale (abbreviationsNote).
 */
export function stanceSpec(cells: readonly StanceCellInput[], title: string, note?: string): Record<string, unknown> {
  const values = cells.map((c) => ({
    source: c.sourceLabel,
    question: c.questionLabel,
    stance: c.stance ?? null,
    label:
      c.stance === undefined
        ? 'not addressed'
        : (c.stance > 0 ? '+' : c.stance < 0 ? '\u2212' : '') +
          Math.abs(c.stance).toFixed(Number.isInteger(c.stance) ? 0 : 1),
  }));
  const sources = [...new Set(values.map((v) => v.source))];
  return {
    title: {
      text: title,
      subtitle:
        'Mean stance of each source\u2019s claims: \u22122 = the low end of the question\u2019s scale, +2 = the high end.' +
        (note ? ` ${note}` : ''),
    },
    width: Math.min(CONTENT_WIDTH - 190, sources.length * 120),
    height: { step: 38 },
    data: { values },
    encoding: {
      // Two-line labels (name, then year) so five sources fit side by side.
      x: {
        field: 'source',
        type: 'nominal',
        sort: sources,
        title: null,
        axis: {
          orient: 'top',
          labelAngle: 0,
          labelFontSize: 10,
          domain: false,
          ticks: false,
          labelExpr: "split(replace(datum.label, / (\\d{4})$/, '|$1'), '|')",
          labelLimit: 0,
          labelPadding: 16,
        },
      },
      y: {
        field: 'question',
        type: 'nominal',
        sort: null,
        title: null,
        axis: { labelFontSize: 10.5, labelLimit: 180, domain: false, ticks: false },
      },
    },
    layer: [
      { mark: { type: 'rect', color: 'white', stroke: '#c9ced6', strokeWidth: 1, strokeDash: [3, 2] } },
      {
        transform: [{ filter: 'datum.stance !== null' }],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'stance',
            type: 'quantitative',
            scale: { domain: [-2, 2], scheme: 'blueorange' },
            legend: {
              title: 'Stance',
              orient: 'right',
              direction: 'vertical',
              gradientLength: 90,
              values: [-2, -1, 0, 1, 2],
            },
          },
        },
      },
      {
        transform: [{ filter: 'datum.stance !== null' }],
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'label' },
          color: { condition: { test: 'abs(datum.stance) >= 1.5', value: 'white' }, value: '#222' },
        },
      },
      {
        transform: [{ filter: 'datum.stance === null' }],
        mark: { type: 'text', fontSize: 9, fontStyle: 'italic', color: '#6b747d' },
        encoding: { text: { field: 'label' } },
      },
    ],
  };
}
