// validate: every chart says in words what it shows. Its "description" is the figure's caption and
// the PDF's alternate text (/Alt), which PDF/UA requires of every figure; without it a reader who
// cannot see the chart gets its title alone.
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { locate, type YamlSource } from '../core/yaml-positions.ts';

export function chartDescriptionProblems(src: YamlSource, spec: unknown, name: string): Diagnostic[] {
  const description = (spec as { description?: unknown } | null)?.description;
  if (typeof description === 'string' && description.trim()) return [];
  const has = description !== undefined;
  return [
    diagnostic(
      locate(src, has ? ['description'] : [], { key: has }),
      'E_CHART_NO_DESCRIPTION',
      `chart "${name}" has ${has ? 'an empty' : 'no'} "description": it is the chart's alternate text in the PDF`,
      'add "description": "<one or two sentences saying what a reader sees: what is counted or compared, over what range, and what stands out>" next to "title"',
    ),
  ];
}
