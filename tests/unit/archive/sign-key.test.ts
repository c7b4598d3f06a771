// archive: a signing key kept inside the corpus is refused before anything is built, wherever in
// the corpus it lies (the data folder, a layer of templates, a folder of texts), through links too,
// and a name that merely starts with ".." is no way out.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseKeyInCorpus } from '../../../pipeline/archive/sign.ts';
import type { SigningOptions } from '../../../pipeline/config/options.ts';
import { InputError } from '../../../pipeline/core/diagnostics.ts';

let root: string;
const key = (file: string): SigningOptions => ({
  key: file,
  from: 'BRIEF_SIGNING_KEY',
  at: undefined,
  passwordEnv: 'BRIEF_SIGNING_PASSWORD',
  tsa: undefined,
});
const codeOf = (f: () => void) => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof InputError ? e.diagnostics[0]?.code : String(e);
  }
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-key-'));
  for (const dir of ['data', 'templates', 'keys']) await mkdir(path.join(root, dir));
  for (const file of ['data/..team.p12', 'templates/team.p12', 'keys/team.p12'])
    await writeFile(path.join(root, file), 'x');
  await symlink(path.join(root, 'data'), path.join(root, 'data-link'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('a signing key inside the corpus', () => {
  const roots = () => [path.join(root, 'data'), path.join(root, 'templates')];

  it('is refused in the data folder, even named "..team.p12"', () => {
    expect(codeOf(() => refuseKeyInCorpus(key(path.join(root, 'data', '..team.p12')), roots()))).toBe(
      'E_SIGNING_KEY_IN_CORPUS',
    );
  });

  it('is refused in a layer of templates, and through a link to the data folder', () => {
    expect(codeOf(() => refuseKeyInCorpus(key(path.join(root, 'templates', 'team.p12')), roots()))).toBe(
      'E_SIGNING_KEY_IN_CORPUS',
    );
    expect(codeOf(() => refuseKeyInCorpus(key(path.join(root, 'data-link', '..team.p12')), roots()))).toBe(
      'E_SIGNING_KEY_IN_CORPUS',
    );
  });

  it('is accepted outside every folder of the corpus', () => {
    expect(codeOf(() => refuseKeyInCorpus(key(path.join(root, 'keys', 'team.p12')), roots()))).toBeUndefined();
  });
});
