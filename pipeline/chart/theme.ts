// chart: the house look of every chart: bundled fonts, sizes and colours that print well.
import { FONT_STACK } from '../config/fonts.ts';

/** The width of the text column on A4 with the print margins, in CSS pixels. */
export const CONTENT_WIDTH = 620;

export const chartConfig = {
  // No ARIA on marks, axes and legends: Chromium would tag each as a figure of its own ("year: 2021; …").
  // The chart's <figure> carries the alternate text instead (templates/partials/figure.hbs).
  aria: false,
  font: FONT_STACK.sans,
  background: 'white',
  padding: 4,
  view: { stroke: null },
  title: { font: FONT_STACK.sans, fontSize: 13, fontWeight: 600, anchor: 'start', color: '#1b2a3a', offset: 10 },
  axis: {
    labelFont: FONT_STACK.sans,
    titleFont: FONT_STACK.sans,
    labelFontSize: 10.5,
    titleFontSize: 11,
    titleFontWeight: 600,
    labelColor: '#333',
    titleColor: '#333',
    gridColor: '#e3e6ea',
    domainColor: '#888',
    tickColor: '#888',
    labelLimit: 260,
  },
  legend: {
    labelFont: FONT_STACK.sans,
    titleFont: FONT_STACK.sans,
    labelFontSize: 10.5,
    titleFontSize: 11,
    titleFontWeight: 600,
    labelLimit: 260,
    orient: 'bottom',
    direction: 'horizontal',
  },
  header: { labelFont: FONT_STACK.sans, titleFont: FONT_STACK.sans },
  text: { font: FONT_STACK.sans, fontSize: 10.5 },
  range: { category: ['#1f5a94', '#c8553d', '#5b8c5a', '#d9a23a', '#7d5ba6', '#4d9fb0', '#8c6d46', '#9a9a9a'] },
} as const;
