// model: who gets a report: its own `audiences:`, else brief.config.yaml's, else every audience its
// distribution may go to; and the audience entries with their page budgets, checked.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../../pipeline/config/file.ts';
import type { CheckResult } from '../../../pipeline/run/check.ts';
import { AUDIENCES, internalMaterial } from '../../support/internal.ts';
import { memoryCorpus } from '../../support/memory.ts';

// The corpus is held in memory; brief.config.yaml is read from the disk (config/file.ts resolves
// the options before a run's world exists), so it alone is written to a temporary folder.
let configDir: string;
beforeAll(async () => {
  configDir = await mkdtemp(path.join(tmpdir(), 'brief-audiences-'));
});
afterAll(() => rm(configDir, { recursive: true, force: true }));
const corpus = (changes: Record<string, string>) => memoryCorpus(changes);

const audiencesOf = (r: CheckResult, id: string) => r.model!.reports.find((x) => x.id === id)!;

describe('report audiences', () => {
  it('default to every audience when a report names none', async () => {
    const r = await corpus(await internalMaterial()).check();
    expect(r.errors).toEqual([]);
    expect(audiencesOf(r, 'brief')).toMatchObject({
      audiences: ['executive', 'analyst', 'public'],
      audiencesFrom: 'all',
    });
    // Named explicitly, a list is kept as written.
    expect(audiencesOf(r, 'views')).toMatchObject({ audiences: ['analyst'], audiencesFrom: 'report' });
  });

  it('leave out an audience an internal report may not go to, without an error', async () => {
    const text = (await internalMaterial())['reports/brief.md']!.replace(
      'kind: policy-brief',
      'kind: policy-brief\ndistribution: internal',
    );
    const r = await corpus({ ...(await internalMaterial()), 'reports/brief.md': text }).check();
    expect(r.errors).toEqual([]);
    expect(audiencesOf(r, 'brief').audiences).toEqual(['analyst']);
  });

  it('come from brief.config.yaml when it lists them; a report’s own list wins', async () => {
    const c = corpus({ ...(await internalMaterial()) });
    const config = path.join(configDir, 'list.config.yaml');
    await writeFile(config, 'audiences: [analyst, public]\n');
    const file = readConfigFile(config, true)!;
    expect(file.audiences).toEqual({
      ids: ['analyst', 'public'],
      at: [expect.objectContaining({ line: 1, column: 13 }), expect.objectContaining({ line: 1, column: 22 })],
    });
    const r = await c.check({ options: { defaultAudiences: file.audiences } });
    expect(audiencesOf(r, 'brief')).toMatchObject({ audiences: ['analyst', 'public'], audiencesFrom: 'config' });
    expect(audiencesOf(r, 'views')).toMatchObject({ audiences: ['analyst'], audiencesFrom: 'report' });
  });

  it('name an unknown default audience where brief.config.yaml names it', async () => {
    const c = corpus({ ...(await internalMaterial()) });
    const config = path.join(configDir, 'unknown.config.yaml');
    await writeFile(config, 'data: data\naudiences:\n  - analyst\n  - publik\n');
    const r = await c.check({ options: { defaultAudiences: readConfigFile(config, true)!.audiences } });
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
    const c = corpus({
      'audiences.yaml': AUDIENCES.replace(
        '  marking: Public\n',
        '  marking: Public\n  page_budget:\n    policy-brief: 3\n',
      ),
    });
    const r = await c.check();
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
