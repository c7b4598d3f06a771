// chart: inputs and outputs of the chart stage.
export type { Lanes } from '../validate/index.ts';

export interface StanceCellInput {
  readonly sourceLabel: string;
  readonly questionLabel: string;
  readonly stance: number | undefined;
}

/** A chart ready for a page: SVG markup made in Node, plus what the figure caption needs. */
export interface RenderedChart {
  readonly id: string;
  readonly title: string;
  readonly description: string | undefined;
  /**
   * The figure's alternate text (its aria-label, the PDF's /Alt): the title and what a sighted reader
   * sees. The SVG itself is hidden from assistive technology, so the chart is one figure, not one per mark.
   */
  readonly alt?: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}
