// The command line as a user meets it: exit codes, located errors, JSON, and nothing written on failure.
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { copySample, tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { sharedMini } from '../support/shared-build.ts';

const made: TempCorpus[] = [];
afterAll(async () => Promise.all(made.map((c) => c.remove())));

async function badClaims(): Promise<TempCorpus> {
  const corpus = await tempCorpus();
  const file = path.join(corpus.data, 'claims/beta-2022.yaml');
  const text = await readFile(file, 'utf8');
  await corpus.write(
    'claims/beta-2022.yaml',
    text.replace('source: beta-2022', 'source: beta-2020').replace('    type: assessment\n', '    type: [assessment\n'),
  );
  made.push(corpus);
  return corpus;
}

describe('brief check', () => {
  it('exits 1 with file:line:column, code, frame and hint for a YAML error', async () => {
    const corpus = await badClaims();
    const r = await brief(['check', '--data', corpus.data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/claims\/beta-2022\.yaml:1\d:\d+ {2}E_YAML_SYNTAX/);
    expect(r.stderr).toContain('hint:');
    expect(r.stderr).toMatch(/> 1\d \|/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace for a user's mistake
  });

  it('exits 1 and names the unknown source with a suggestion', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const text = await readFile(path.join(corpus.data, 'claims/beta-2022.yaml'), 'utf8');
    await corpus.write('claims/beta-2022.yaml', text.replace('source: beta-2022', 'source: beta-2020'));
    const r = await brief(['check', '--data', corpus.data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/claims\/beta-2022\.yaml:1:9 {2}E_UNKNOWN_SOURCE/);
    expect(r.stderr).toContain('did you mean "beta-2022"?');
  });

  it('prints one JSON document with --json', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const r = await brief(['check', '--json', '--data', corpus.data]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.errors).toEqual([]);
    expect(doc.claims).toContainEqual({
      id: 'beta-2022/not-aimed',
      source: 'beta-2022',
      anchor: expect.objectContaining({ status: 'exact' }),
    });
    expect(r.stderr).toBe('');
  });
});

describe('brief build', () => {
  it('writes nothing when the input is invalid', async () => {
    const corpus = await badClaims();
    const r = await brief(['build', '--data', corpus.data, '--out', corpus.out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(corpus.out)).toBe(false);
  });

  it('writes nothing when a quote is unverified, and keeps the warnings in its JSON', async () => {
    // Without its text, a claim is verified only by the evidence lock: a quote changed since locking is not.
    const corpus = await tempCorpus({ 'sources/text/beta.txt': null });
    made.push(corpus);
    const claims = path.join(corpus.data, 'claims/beta-2022.yaml');
    await corpus.write(
      'claims/beta-2022.yaml',
      (await readFile(claims, 'utf8')).replace('not aimed at any third country.', 'not aimed at any third state.'),
    );
    const r = await brief(['build', '--json', '--data', corpus.data, '--out', corpus.out]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.errors.map((e: { code: string }) => e.code)).toContain('E_UNVERIFIED_CLAIM');
    expect(doc.warnings.map((w: { code: string }) => w.code)).toEqual(['W_NO_TEXT']);
    expect(existsSync(corpus.out)).toBe(false);
  });

  it('prints documents as JSON and leaves no staging folder', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const r = await brief([
      'build',
      '--json',
      '--data',
      corpus.data,
      '--out',
      corpus.out,
      '--report',
      'timeline',
      '--date',
      '2024-01-15',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.documents).toEqual([
      {
        report: 'timeline',
        title: 'Fixture chronology',
        kind: 'chronology',
        audience: 'analyst',
        html: expect.stringMatching(/timeline\.analyst\.html$/),
        pdf: expect.stringMatching(/timeline\.analyst\.pdf$/),
        pages: expect.any(Number),
        editionDate: '2024-01-15',
        status: 'built',
        reasons: ['new document'],
      },
    ]);
    expect((await readdir(corpus.out)).sort()).toEqual(['.brief', 'anchors.json', 'build.json', 'html', 'pdf']);
    // No staging folder: the state and the check's cache (out/.brief/check-cache.json) only.
    expect((await readdir(path.join(corpus.out, '.brief'))).sort()).toEqual(['check-cache.json', 'state.json']);
  });

  it('exits 3 with install instructions when the named browser is missing, and writes nothing', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const r = await brief(['build', '--data', corpus.data, '--out', corpus.out], { BRIEF_CHROME: '/no/such/chrome' });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('BRIEF_CHROME is set to /no/such/chrome');
    expect(existsSync(path.join(corpus.out, 'pdf'))).toBe(false);
  });

  it('a first build that fails after its lock was refreshed exits 3, not 1, and leaves no out/ (regression: the lock removed while held)', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    await rm(corpus.data, { recursive: true, force: true });
    await copySample(corpus.root, corpus.data);
    // The sample takes longer to check than the lock's 2 s refresh.
    const r = await brief(['build', '--data', corpus.data, '--out', corpus.out], { BRIEF_CHROME: '/no/such/chrome' });
    expect(r.code, r.stderr).toBe(3);
    expect(existsSync(corpus.out)).toBe(false);
  });

  it('refuses a text folder that does not exist, rather than leaving every quote unchecked', async () => {
    const r = await brief(['check', '--data', 'pipeline/render/specimen', '--texts', '/no/such/texts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--texts names /no/such/texts, which is not a folder');
    const env = await brief(['check', '--data', 'pipeline/render/specimen'], { BRIEF_TEXTS: '/no/such/texts' });
    expect(env.stderr).toContain('BRIEF_TEXTS names /no/such/texts');
    // The same for a config file's texts: folder, resolved beside the file.
    const corpus = await tempCorpus();
    made.push(corpus);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(corpus.root, 'brief.config.yaml'), 'data: data\ntexts: [shared-texts]\n');
    const config = await brief(['check'], {}, corpus.root);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/texts: in brief\.config\.yaml names \S*shared-texts, which is not a folder/);
  });

  it('says plainly when the out folder cannot be made, exit 3, no internal error', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(corpus.root, 'not-a-folder'), 'a file');
    const r = await brief([
      'build',
      '--html',
      '--data',
      corpus.data,
      '--out',
      path.join(corpus.root, 'not-a-folder', 'out'),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^brief: cannot create \S*not-a-folder\/out(\/\.brief)?: part of that path is a file, not a folder$/m,
    );
    expect(r.stderr).not.toContain('internal error');
  });

  it('builds the report a file argument names, and refuses any other argument', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const r = await brief([
      'build',
      '--html',
      '--json',
      '--data',
      corpus.data,
      '--out',
      corpus.out,
      path.join(corpus.data, 'reports', 'timeline.md'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).documents.map((d: { report: string }) => d.report)).toEqual(['timeline']);
    const bad = await brief(['build', '--data', corpus.data, '--out', corpus.out, 'README.md']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('takes report files from');
  });

  it('exits 2 on usage errors', async () => {
    expect((await brief(['build', '--no-such-flag'])).code).toBe(2);
    expect((await brief(['frobnicate'])).code).toBe(2);
    expect((await brief(['build', '--date', '22/11/2026'])).code).toBe(2);
    expect((await brief(['build', '--date', '2021-02-31'])).stderr).toContain('not a calendar date');
    expect((await brief(['build', '--out', 'package.json'])).stderr).toContain('is a file');
    const corpus = await tempCorpus();
    made.push(corpus);
    const r = await brief(['build', '--data', corpus.data, '--out', corpus.out, '--audience', 'analysts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "analyst"?');
  });
});

describe('the same inputs and date', () => {
  it('give the same bytes in every fresh process, whichever pooled page printed which document', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const { createHash } = await import('node:crypto');
    const digests: string[][] = [];
    // Four documents on two pooled pages: which page prints which varies from run to run. The run's
    // shared build of the mini corpus (another process, another folder) is the first of three.
    for (const k of [0, 1, 2]) {
      let docs: string[];
      if (k === 0) docs = (await sharedMini()).documents.map((d) => d.pdf!).sort();
      else {
        const out = path.join(corpus.root, `out-${k}`);
        const r = await brief(['build', '--json', '--data', corpus.data, '--out', out, '--date', '2024-01-15']);
        expect(r.code, r.stderr).toBe(0);
        docs = (JSON.parse(r.stdout) as { documents: { pdf: string }[] }).documents.map((d) => d.pdf).sort();
      }
      digests.push(
        await Promise.all(
          docs.map(
            async (f) =>
              `${path.basename(f)} ${createHash('sha256')
                .update(await readFile(f))
                .digest('hex')}`,
          ),
        ),
      );
    }
    expect(digests[1]).toEqual(digests[0]);
    expect(digests[2]).toEqual(digests[0]);
  });
});

describe('how much brief says', () => {
  it('--quiet prints problems only; --verbose also each kept document and the stages', async () => {
    const corpus = await tempCorpus();
    made.push(corpus);
    const at = ['--data', corpus.data, '--out', corpus.out, '--html', '--date', '2024-01-15'];
    const quiet = await brief(['build', ...at, '-q']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(await readdir(path.join(corpus.out, 'html'))).toHaveLength(4);
    await corpus.write(
      'claims/beta-2022.yaml',
      (await readFile(path.join(corpus.data, 'claims/beta-2022.yaml'), 'utf8')).replace(
        'targets no third country',
        'targets no other country',
      ),
    );
    const verbose = await brief(['build', ...at, '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/^\s+\d+\.\d s {2}check$/m);
    expect(verbose.stderr).toMatch(/^kept timeline\.analyst, dated 2024-01-15/m);
    expect(verbose.stderr).toMatch(/^rebuilt brief\.analyst: claim beta-2022\/not-aimed changed/m);
    expect(verbose.stderr).toMatch(/\d+ built, \d+ kept in \d+\.\d s$/m);
    const failing = await brief(['check', '--data', corpus.data, '-q', '--texts', path.join(corpus.root, 'nowhere')]);
    expect(failing.code).not.toBe(0);
    expect(failing.stderr).not.toBe('');
  });
});
