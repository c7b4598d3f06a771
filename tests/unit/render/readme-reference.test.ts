// The README's reference sections match the code: every field the templates see, every partial
// an audience may override, and every key of brief.config.yaml are documented.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigFile } from '../../../pipeline/config/file.ts';
import { createMarkdown } from '../../../pipeline/render/markdown.ts';
import { buildViewModel } from '../../../pipeline/render/view-model.ts';
import { selectReport } from '../../../pipeline/select/index.ts';
import { memoryCorpus } from '../../support/memory.ts';

const readme = readFileSync('README.md', 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`\n${heading}\n`);
  return readme.slice(start, readme.indexOf('\n#', start + heading.length + 2));
};

describe('README reference', () => {
  it('lists every field of the view model the templates see', async () => {
    const r = await memoryCorpus().check();
    const fields = new Set<string>();
    for (const report of r.model!.reports) {
      const sel = selectReport(r.model!, r.anchoring!, report, r.model!.audiences.get('analyst')!, {
        allowUnverified: false,
      });
      for (const key of Object.keys(buildViewModel(sel, [], createMarkdown(), '2024-01-15', ''))) fields.add(key);
    }
    const documented = section('### Templates');
    // The language and the inlined stylesheet are the layout's own.
    const missing = [...fields].filter(
      (f) => !['lang', 'css'].includes(f) && !new RegExp(`\`${f}(\\[\\])?[ \`.{]`).test(documented),
    );
    expect(missing).toEqual([]);
  });

  it('names every partial an audience may override', () => {
    const documented = section('### Templates') + section('### Adding or customising an audience');
    const partials = readdirSync('templates/partials').map((f) => f.replace(/\.hbs$/, ''));
    const missing = partials.filter((p) => !documented.includes(p));
    expect(missing).toEqual([]);
  });

  it('documents every key of brief.config.yaml', () => {
    const documented = section('## Settings');
    expect(Object.keys(ConfigFile.shape).filter((k) => !documented.includes(`\`${k}\``))).toEqual([]);
  });
});
