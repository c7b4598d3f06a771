// config: option precedence is decided in one place: defaults < brief.config.yaml < environment < flags.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../pipeline/config/resolve.ts';
import { UsageError } from '../../../pipeline/core/diagnostics.ts';

const file = {
  data: '/file/data',
  out: '/file/out',
  texts: ['/file/texts'],
  templates: '/file/templates',
  styles: '/file/styles',
};
const now = new Date('2026-03-04T12:00:00Z');

describe('resolveOptions', () => {
  it('takes the defaults when nothing is said', () => {
    const o = resolveOptions({ flags: {}, file: undefined, env: {}, now, root: false });
    expect(o).toMatchObject({
      dataDir: 'data',
      outDir: 'out',
      textDirs: [],
      editionDate: '2026-03-04',
      editionDateGiven: false,
      force: false,
      htmlOnly: false,
      allowUnverified: false,
    });
    expect(o.browser).toEqual({ executable: undefined, noSandbox: false, endpoint: undefined });
  });

  it('lets the file win over the defaults, the environment over the file, flags over both', () => {
    const fromFile = resolveOptions({ flags: {}, file, env: {}, now });
    expect([fromFile.dataDir, fromFile.outDir, fromFile.corpusTemplatesDir, fromFile.corpusStylesDir]).toEqual([
      '/file/data',
      '/file/out',
      '/file/templates',
      '/file/styles',
    ]);
    // Without the file's folders, the corpus's own sit beside its data folder.
    const beside = resolveOptions({ flags: { data: '/corpus/data' }, file: undefined, env: {}, now });
    expect([beside.corpusTemplatesDir, beside.corpusStylesDir]).toEqual(['/corpus/templates', '/corpus/styles']);
    const fromEnv = resolveOptions({ flags: {}, file, env: { BRIEF_DATA: '/env/data', BRIEF_OUT: '/env/out' }, now });
    expect([fromEnv.dataDir, fromEnv.outDir]).toEqual(['/env/data', '/env/out']);
    const fromFlags = resolveOptions({
      flags: { data: 'flag-data', out: 'flag-out' },
      file,
      env: { BRIEF_DATA: '/env/data' },
      now,
    });
    expect([fromFlags.dataDir, fromFlags.outDir]).toEqual(['flag-data', 'flag-out']);
  });

  it('searches text folders in the same order: flags, then BRIEF_TEXTS, then the file', () => {
    const o = resolveOptions({
      flags: { texts: ['a'] },
      file,
      env: { BRIEF_TEXTS: ['b', 'c'].join(path.delimiter) },
      now,
    });
    expect(o.textDirs).toEqual(['a', 'b', 'c', '/file/texts']);
  });

  it('reads the browser from the environment, BRIEF_CHROME before PUPPETEER_EXECUTABLE_PATH', () => {
    expect(
      resolveOptions({
        flags: {},
        file: undefined,
        env: { BRIEF_CHROME: '/a', PUPPETEER_EXECUTABLE_PATH: '/b' },
        root: false,
      }).browser.executable,
    ).toEqual({ path: '/a', from: 'BRIEF_CHROME' });
    expect(
      resolveOptions({ flags: {}, file: undefined, env: { PUPPETEER_EXECUTABLE_PATH: '/b' }, root: false }).browser
        .executable,
    ).toEqual({ path: '/b', from: 'PUPPETEER_EXECUTABLE_PATH' });
    expect(
      resolveOptions({ flags: {}, file: undefined, env: { BRIEF_NO_SANDBOX: '1' }, root: false }).browser.noSandbox,
    ).toBe(true);
    expect(resolveOptions({ flags: {}, file: undefined, env: {}, root: true }).browser.noSandbox).toBe(true);
    expect(
      resolveOptions({ flags: {}, file: undefined, env: { BRIEF_BROWSER_WS: 'ws://127.0.0.1:9/x' } }).browser.endpoint,
    ).toBe('ws://127.0.0.1:9/x');
  });

  it('marks a date that was asked for, and refuses one that is not a calendar date', () => {
    expect(resolveOptions({ flags: { date: '2024-02-29' }, file: undefined, env: {}, now })).toMatchObject({
      editionDate: '2024-02-29',
      editionDateGiven: true,
    });
    expect(() => resolveOptions({ flags: { date: '2021-02-31' }, file: undefined, env: {}, now })).toThrow(UsageError);
    expect(() => resolveOptions({ flags: { date: '2021-2-3' }, file: undefined, env: {}, now })).toThrow(/YYYY-MM-DD/);
  });
});
