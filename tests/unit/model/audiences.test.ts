// model: who gets a report: its own `audiences:`, else brief.config.yaml's, else every audience its
// distribution may go to; and the audience entries with their page budgets, checked.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../../pipeline/config/file.ts';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { corpora } from '../../support/corpus.ts';
import { AUDIENCES, internalMaterial } from '../../support/internal.ts';
import { optionsFor } from '../../support/options.ts';

const temp = corpora();
afterAll(() => temp.removeAll());
const corpus = (changes: Record<string, string>) => temp.make(changes);

const audiencesOf = (r: Awaited<ReturnType<typeof checkCorpus>>, id: string) =>
  r.model!.reports.find((x) => x.id === id)!;

describe('report audiences', () => {
  it('default to every audience when a report names none', async () => {
    const c = await corpus(await internalMaterial());
    const r = await checkCorpus(optionsFor(c.data, c.out));
    expect(r.errors).toEqual([]);
    expect(audiencesOf(r, 'brief')).toMatchObject({
      audiences: ['executive', 'analyst', 'public'],
      audiencesFrom: 'all',
    });
    // Named explicitly, a list is kept as written.
    expect(audiencesOf(r, 'views')).toMatchObject({ audiences: ['analyst'], audiencesFrom: 'report' });
  });

  it('leave out an audience an internal report may not go to, without an error', async () => {
    const c = await corpus({ ...(await internalMaterial()) });
    const text = (await internalMaterial())['reports/brief.md']!.replace(
      'kind: policy-brief',
      'kind: policy-brief\ndistribution: internal',
    );
    await c.write('reports/brief.md', text);
    const r = await checkCorpus(optionsFor(c.data, c.out));
    expect(r.errors).toEqual([]);
    expect(audiencesOf(r, 'brief').audiences).toEqual(['analyst']);
  });

  it('come from brief.config.yaml when it lists them; a report’s own list wins', async () => {
    const c = await corpus({ ...(await internalMaterial()) });
    const config = path.join(c.root, 'brief.config.yaml');
    await writeFile(config, 'audiences: [analyst, public]\n');
    const file = readConfigFile(config, true)!;
    expect(file.audiences).toEqual({
      ids: ['analyst', 'public'],
      at: [expect.objectContaining({ line: 1, column: 13 }), expect.objectContaining({ line: 1, column: 22 })],
    });
    const r = await checkCorpus({ ...optionsFor(c.data, c.out), defaultAudiences: file.audiences });
    expect(audiencesOf(r, 'brief')).toMatchObject({ audiences: ['analyst', 'public'], audiencesFrom: 'config' });
    expect(audiencesOf(r, 'views')).toMatchObject({ audiences: ['analyst'], audiencesFrom: 'report' });
  });

  it('name an unknown default audience where brief.config.yaml names it', async () => {
    const c = await corpus({ ...(await internalMaterial()) });
    const config = path.join(c.root, 'brief.config.yaml');
    await writeFile(config, 'data: data\naudiences:\n  - analyst\n  - publik\n');
    const r = await checkCorpus({
      ...optionsFor(c.data, c.out),
      defaultAudiences: readConfigFile(config, true)!.audiences,
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      code: 'E_UNKNOWN_AUDIENCE',
      line: 4,
      column: 5,
      hint: 'did you mean "public"?',
    });
  });
});

describe('audience entries', () => {
  it('keep where each page budget is written', async () => {
    const c = await corpus({
      'audiences.yaml': AUDIENCES.replace(
        '  marking: Public\n',
        '  marking: Public\n  page_budget:\n    policy-brief: 3\n',
      ),
    });
    const r = await checkCorpus(optionsFor(c.data, c.out));
    const publicAudience = r.model!.audiences.get('public')!;
    expect(publicAudience.page_budget).toEqual({ 'policy-brief': 3 });
    expect(publicAudience.budgetAt['policy-brief']).toMatchObject({
      file: c.rel('audiences.yaml'),
      line: 17,
      column: 19,
    });
    expect(publicAudience.notes).toBe(true);
  });
});
