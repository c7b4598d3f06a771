// Inputs are regular files inside the corpus or a folder named for texts, read without blocking:
// a link out of them (to /proc/self/environ, with the process's secrets) is refused and never
// archived; a named pipe, linked or not, is an error at once, never a hang; a folder where a file
// should be is said as such (exit 1), not as an output problem; a BOM in the lock is read as absent.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { corpora } from '../support/corpus.ts';

const made = corpora();
afterAll(async () => made.removeAll());

/** Every file of a folder, recursively, as text (to look for a leaked secret in). */
async function allText(dir: string): Promise<string> {
  if (!existsSync(dir)) return '';
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'latin1')),
  );
  return texts.join('\n');
}

const TIMEOUT = { timeout: 120_000 };

describe('inputs outside the corpus, pipes and devices', () => {
  it.runIf(existsSync('/proc/self/environ'))(
    'a source text linked to /proc/self/environ is E_LINK_OUTSIDE at its text:, and the edition archives no secret',
    TIMEOUT,
    async () => {
      const c = await made.make();
      await rm(path.join(c.data, 'sources/text/alpha.txt'));
      await symlink('/proc/self/environ', path.join(c.data, 'sources/text/alpha.txt'));
      const secret = 'brief-test-secret-7f3a9c';
      const env = { BRIEF_TEST_SECRET: secret };
      const check = await brief(['check', '--json', '--data', c.data, '--out', c.out], env);
      expect(check.code, check.stderr).toBe(1);
      const errors = (JSON.parse(check.stdout) as { errors: { code: string; file: string; line: number }[] }).errors;
      expect(errors.map((e) => `${e.code} ${e.file.split('/').slice(-2).join('/')}:${e.line}`)).toContain(
        'E_LINK_OUTSIDE sources/alpha-2021.md:9',
      );
      const edition = await brief(['edition', '--data', c.data, '--out', c.out, '--date', '2024-03-01'], env);
      expect(edition.code, edition.stderr).toBe(1);
      expect(edition.stderr).toContain('E_LINK_OUTSIDE');
      expect(edition.stderr).not.toContain(secret);
      expect(await allText(path.join(c.root, 'editions'))).not.toContain(secret);
      expect(check.stdout + check.stderr).not.toContain(secret);
      // In a folder named for texts, the same link is refused where the source names it (its text:, line 9).
      const texts = path.join(c.root, 'texts');
      await mkdir(texts);
      await rename(path.join(c.data, 'sources/text/alpha.txt'), path.join(texts, 'alpha.txt'));
      const elsewhere = await brief(['check', '--json', '--data', c.data, '--out', c.out, '--texts', texts], env);
      expect(elsewhere.code, elsewhere.stderr).toBe(1);
      const located = (
        JSON.parse(elsewhere.stdout) as { errors: { code: string; file: string; line: number }[] }
      ).errors.map((e) => `${e.code} ${path.basename(e.file)}:${e.line}`);
      expect(located).toContain('E_LINK_OUTSIDE alpha-2021.md:9');
      expect(elsewhere.stdout + elsewhere.stderr).not.toContain(secret);
    },
  );

  it(
    'a named pipe, or a link to one, in the data folder or as a source text, is E_NOT_A_FILE at once, not a hang',
    TIMEOUT,
    async () => {
      const c = await made.make();
      execFileSync('mkfifo', [path.join(c.data, 'claims', 'notes.yaml')]);
      const said = async (command: string, texts: string[] = []) => {
        const r = await brief([
          command,
          '--json',
          ...(command === 'build' ? ['--html'] : []),
          '--data',
          c.data,
          '--out',
          c.out,
          ...texts,
        ]);
        expect(r.code, `${command}: ${r.stderr}`).toBe(1);
        const errors = (
          JSON.parse(r.stdout) as { errors: { code: string; file: string; line: number; message: string }[] }
        ).errors;
        return errors.map((e) => `${e.code} ${path.basename(e.file)}:${e.line} ${e.message}`);
      };
      for (const command of ['check', 'build']) {
        expect(await said(command), command).toEqual(
          expect.arrayContaining([expect.stringMatching(/^E_NOT_A_FILE notes\.yaml:1 .*named pipe/)]),
        );
      }
      // A link no source names, to a pipe elsewhere, under sources/text/: said at the link.
      await rm(path.join(c.data, 'claims', 'notes.yaml'));
      execFileSync('mkfifo', [path.join(c.root, 'fifo')]);
      await symlink(path.join(c.root, 'fifo'), path.join(c.data, 'sources/text/notes.txt'));
      expect(await said('check')).toEqual([expect.stringMatching(/^E_LINK_OUTSIDE notes\.txt:1 /)]);
      await rm(path.join(c.data, 'sources/text/notes.txt'));
      // A source text linked to a pipe in a folder named for texts: at the source's text:.
      const texts = path.join(c.root, 'texts');
      await mkdir(texts);
      execFileSync('mkfifo', [path.join(texts, 'pipe')]);
      await rm(path.join(c.data, 'sources/text/beta.txt'));
      await symlink(path.join(texts, 'pipe'), path.join(c.data, 'sources/text/beta.txt'));
      for (const command of ['check', 'build']) {
        expect(await said(command, ['--texts', texts]), command).toEqual(
          expect.arrayContaining([expect.stringMatching(/^E_NOT_A_FILE beta-2022\.md:9 .*named pipe/)]),
        );
      }
      // A pipe as a source text in a folder named for texts: at the source's text: too.
      await rm(path.join(c.data, 'sources/text/beta.txt'));
      execFileSync('mkfifo', [path.join(texts, 'beta.txt')]);
      expect(await said('check', ['--texts', texts])).toEqual(
        expect.arrayContaining([expect.stringMatching(/^E_NOT_A_FILE beta-2022\.md:9 .*named pipe/)]),
      );
    },
  );

  it(
    'a folder where data/audiences.yaml or data/anchors.lock should be is a located input error, exit 1',
    TIMEOUT,
    async () => {
      for (const file of ['audiences.yaml', 'anchors.lock']) {
        const c = await made.make();
        await rm(path.join(c.data, file));
        await mkdir(path.join(c.data, file));
        const r = await brief(['check', '--data', c.data, '--out', c.out]);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(
          new RegExp(
            `${file.replace('.', '\\.')}:1:1  E_NOT_A_FILE  \\S*${file.replace('.', '\\.')} is a folder, not a file`,
          ),
        );
        expect(r.stderr).not.toContain('--out');
      }
    },
  );
});

describe('the evidence lock', () => {
  it('with a byte-order mark is read as if it had none', async () => {
    const c = await made.make();
    const lock = path.join(c.data, 'anchors.lock');
    await writeFile(lock, `\uFEFF${await readFile(lock, 'utf8')}`);
    const r = await brief(['check', '--data', c.data, '--out', c.out]);
    expect(r.stderr).not.toContain('E_LOCK_SYNTAX');
    expect(r.code, r.stderr).toBe(0);
  });
});
