// A file refused for where it points is never shown (class 2): a claims file that is a link out of
// the corpus was refused with E_LINK_OUTSIDE, yet its first line (the target's content) was printed
// in the code frame. Binary junk refused as E_NOT_UTF8 prints no raw control bytes either.
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { corpora } from '../support/corpus.ts';

const temp = corpora();
const elsewhere: string[] = [];
afterAll(async () => {
  await temp.removeAll();
  await Promise.all(elsewhere.map((d) => rm(d, { recursive: true, force: true })));
});
const SECRET = 'ghp_ZZSECRETTOKEN0123456789';

describe('a file refused for where it points', () => {
  it('a claims file linking out of the corpus: E_LINK_OUTSIDE, and the secret it leads to is in no output', async () => {
    const c = await temp.make();
    const dir = await mkdtemp(path.join(tmpdir(), 'brief-secret-'));
    elsewhere.push(dir);
    const secret = path.join(dir, 'token.yaml');
    await writeFile(secret, `GITHUB_TOKEN=${SECRET}\nsecond: ${SECRET}\n`);
    const claims = path.join(c.data, 'claims/beta-2022.yaml');
    await rm(claims);
    await symlink(secret, claims);
    for (const args of [['check'], ['check', '--json'], ['build', '--html'], ['build', '--html', '--json']]) {
      const r = await brief([...args, '--data', c.data, '--out', c.out], { BRIEF_TEXTS: '' });
      expect(r.code, args.join(' ')).toBe(1);
      const all = r.stdout + r.stderr;
      expect(all, args.join(' ')).toContain('E_LINK_OUTSIDE');
      expect(all, args.join(' ')).not.toContain('ZZSECRET');
      expect(all, args.join(' ')).not.toContain('GITHUB_TOKEN');
    }
  }, 120_000);

  it('binary junk refused as E_NOT_UTF8 shows no raw control bytes in its frame', async () => {
    const c = await temp.make();
    const file = path.join(c.data, 'claims/beta-2022.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from(text.slice(0, 40)),
        Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x07, 0xff, 0xfe, 0x9b]),
        Buffer.from(text.slice(40)),
      ]),
    );
    const r = await brief(['check', '--data', c.data, '--out', c.out], { BRIEF_TEXTS: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_NOT_UTF8');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
