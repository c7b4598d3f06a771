// An edition killed outright (SIGKILL) right after its folder was moved into place, before HEAD.json
// was confirmed: verify reads the archive as it is (no false tamper alarm), and the next edition
// sweeps the work folder and chains on.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';

let corpus: TempCorpus;
afterAll(async () => corpus?.remove());

describe('an edition killed between moving into place and confirming HEAD.json', () => {
  it('gives no false tamper alarm, and the next edition sweeps its work folder and chains on', {
    timeout: 240_000,
  }, async () => {
    corpus = await tempCorpus();
    const archive = path.join(corpus.root, 'editions');
    const at = ['--data', corpus.data, '--out', corpus.out];
    expect((await brief(['edition', ...at, '--date', '2024-03-01'])).code).toBe(0);
    const claims = path.join(corpus.data, 'claims/beta-2022.yaml');
    await writeFile(
      claims,
      (await readFile(claims, 'utf8')).replace('targets no third country', 'is aimed at no third country'),
    );
    const killed = await brief(['edition', ...at, '--date', '2024-04-01'], {
      NODE_OPTIONS: `--require ${path.resolve('tests/support/kill-after-rename.cjs')}`,
      KILL_AFTER_RENAME: `${archive.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/2024-04-01$`,
    });
    expect(killed.code).not.toBe(0);
    expect((await readdir(archive)).filter((e) => !e.startsWith('.')).sort()).toEqual([
      '2024-03-01',
      '2024-04-01',
      'HEAD.json',
    ]);
    expect(JSON.parse(await readFile(path.join(archive, 'HEAD.json'), 'utf8'))).toMatchObject({
      edition: '2024-04-01',
      pending: { was: { edition: '2024-03-01' } },
    });
    expect((await readdir(path.join(archive, '.brief'))).some((e) => e.startsWith('edition-'))).toBe(true);
    const verified = await brief(['verify', ...at]);
    expect(verified.code, verified.stderr).toBe(0);

    await writeFile(
      claims,
      (await readFile(claims, 'utf8')).replace('is aimed at no third country', 'aims at no third country'),
    );
    const next = await brief(['edition', '--json', ...at, '--date', '2024-05-01']);
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ edition: '2024-05-01', previous: '2024-04-01' });
    expect((await readdir(path.join(archive, '.brief'))).filter((e) => e.startsWith('edition-'))).toEqual([]);
    expect(JSON.parse(await readFile(path.join(archive, 'HEAD.json'), 'utf8'))).not.toHaveProperty('pending');
    expect((await brief(['verify', ...at])).code).toBe(0);
  });
});
