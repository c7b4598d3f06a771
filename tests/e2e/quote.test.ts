// `brief quote`: on a corpus made with `brief init`, the passage that holds some words is found as
// the text has it; pasted into a claim without a locator, it anchors exact after `brief lock`, and
// check --json shows the locator computed from where it stands. A written page locator that
// disagrees with a paged text is W_LOCATOR_PAGE at the claim's locator:.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { brief } from '../support/cli.ts';

let root = '';
let dir = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-quote-'));
  expect((await brief(['init', 'desk'], {}, root)).code).toBe(0);
  dir = path.join(root, 'desk');
  // The example text, and three paragraphs under a heading of the kind plain captures have.
  await appendFile(
    path.join(dir, 'data/sources/text/example-note-2026.txt'),
    [
      '',
      'Port Operations',
      '',
      'The joint authority met for the first time in March 2026 and appointed a harbour master from Brookmere.',
      '',
      'Engineers began dredging the main channel in April, so that ships drawing up to nine metres can reach the inner quays by the end of the year. Work on the quays themselves will follow.',
      '',
      'Shipping lines from both countries have asked for berths.',
      '',
    ].join('\n'),
  );
  expect((await brief(['lock'], {}, dir)).code).toBe(0);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

interface QuoteJson {
  source: string;
  text: string;
  passages: {
    quote: string;
    before: string;
    after: string;
    locator: string | null;
    line: number;
    start: number;
    end: number;
    status: string;
  }[];
}

describe('brief quote', () => {
  it('finds the passage, exactly as the text has it, with its locator, line and status', async () => {
    const r = await brief(['quote', 'example-note-2026', 'dredging', 'channel', 'nine', 'metres', '--json'], {}, dir);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as QuoteJson;
    expect(json.source).toBe('example-note-2026');
    expect(json.text).toBe('example-note-2026.txt');
    const best = json.passages[0]!;
    expect(best.quote).toBe(
      'Engineers began dredging the main channel in April, so that ships drawing up to nine metres can reach the inner quays by the end of the year.',
    );
    expect(best).toMatchObject({
      locator: '“Port Operations”, para. 2',
      status: 'exact',
      after: ' Work on the quays themselves will follow.',
    });
    const text = await readFile(path.join(dir, 'data/sources/text/example-note-2026.txt'), 'utf8');
    expect(text.slice(best.start, best.end)).toBe(best.quote);
    expect(text.split('\n')[best.line - 1]).toContain(best.quote);
  });

  it('prints it on a terminal-less stream with the context in brackets and a quote: line to paste', async () => {
    const r = await brief(['quote', 'example-note-2026', 'harbour master appointed'], {}, dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('1. “Port Operations”, para. 1 · line ');
    expect(r.stderr).toContain(' · anchors exact');
    expect(r.stderr).toContain(
      'quote: The joint authority met for the first time in March 2026 and appointed a harbour master from Brookmere.',
    );
    const dredging = await brief(['quote', 'example-note-2026', 'dredging channel nine metres'], {}, dir);
    expect(dredging.stderr).toContain('by the end of the year.[ Work on the quays themselves will follow.]');
  });

  it('gives a quote that, pasted into a claim without a locator, anchors exact after brief lock, and check --json shows the locator', async () => {
    const found = JSON.parse(
      (await brief(['quote', 'example-note-2026', 'dredging channel nine metres', '--json'], {}, dir)).stdout,
    ) as QuoteJson;
    const quote = found.passages[0]!.quote;
    const claims = path.join(dir, 'data/claims/example-note-2026.yaml');
    // The printed quote: line, as a user pastes it.
    const line = (await brief(['quote', 'example-note-2026', 'dredging channel nine metres'], {}, dir)).stderr
      .split('\n')
      .find((l) => l.trim().startsWith('quote:'))!
      .trim();
    expect(parse(line)).toEqual({ quote });
    await appendFile(
      claims,
      `  - id: example-note-2026/dredging\n    statement: The channel is being dredged for deeper ships.\n    ${line}\n    type: fact\n    topics: [ports]\n    actors: [AA, BB]\n    about: "2026-04"\n`,
    );
    const lock = await brief(['lock'], {}, dir);
    expect(lock.code, lock.stderr).toBe(0);
    const entry = JSON.parse(await readFile(path.join(dir, 'data/anchors.lock'), 'utf8')).claims[
      'example-note-2026/dredging'
    ];
    expect(entry).toMatchObject({ status: 'exact', locator: '“Port Operations”, para. 2' });
    const check = await brief(['check', '--json'], {}, dir);
    expect(check.code, check.stdout).toBe(0);
    const claim = (
      JSON.parse(check.stdout) as { claims: { id: string; anchor: { status: string; locator?: string } }[] }
    ).claims.find((c) => c.id === 'example-note-2026/dredging')!;
    expect(claim.anchor).toMatchObject({ status: 'exact', locator: '“Port Operations”, para. 2' });
  });

  it('names the nearest source id for an unknown one (usage, exit 2), and needs words', async () => {
    const r = await brief(['quote', 'example-note-2062', 'port'], {}, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no source "example-note-2062" .*did you mean "example-note-2026"\?/);
    expect((await brief(['quote', 'example-note-2026'], {}, dir)).code).toBe(2);
  });

  it('says so when no passage has the words (exit 1), and where it looked when the text is missing', async () => {
    const none = await brief(['quote', 'example-note-2026', 'glaciers', 'penguins', 'icebergs'], {}, dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no passage of example-note-2026.txt has these words');
    const other = await mkdtemp(path.join(tmpdir(), 'brief-quote-missing-'));
    try {
      expect((await brief(['init', 'desk'], {}, other)).code).toBe(0);
      await rm(path.join(other, 'desk/data/sources/text/example-note-2026.txt'));
      const missing = await brief(['quote', 'example-note-2026', 'port'], {}, path.join(other, 'desk'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(
        /the text of source "example-note-2026", example-note-2026\.txt, was not found: looked in .*data\/sources\/text/,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('a paged text (form-feed lines between pages)', () => {
  it('gives page locators, and W_LOCATOR_PAGE at a written locator naming another page', async () => {
    const paged = [
      'Page one of the report.',
      '\f',
      'On page two the ministers agreed to open a second ferry line next spring.',
      '\f',
      'Page three closes the report.',
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'data/sources/text/paged-2026.txt'), paged);
    const source = (await readFile(path.join(dir, 'data/sources/example-note-2026.md'), 'utf8'))
      .replace('id: example-note-2026', 'id: paged-2026')
      .replace('text: example-note-2026.txt', 'text: paged-2026.txt');
    await writeFile(path.join(dir, 'data/sources/paged-2026.md'), source);
    await writeFile(
      path.join(dir, 'data/claims/paged-2026.yaml'),
      [
        'source: paged-2026',
        'claims:',
        '  - id: paged-2026/ferry',
        '    statement: A second ferry line is to open.',
        '    quote: the ministers agreed to open a second ferry line next spring',
        '    locator: p. 3',
        '    type: fact',
        '    topics: [ports]',
        '    actors: [AA]',
        '  - id: paged-2026/ferry-unlocated',
        '    statement: The same, with no locator.',
        '    quote: the ministers agreed to open a second ferry line',
        '    type: fact',
        '    topics: [ports]',
        '    actors: [AA]',
        '',
      ].join('\n'),
    );
    const found = JSON.parse(
      (await brief(['quote', 'paged-2026', 'second ferry line', '--json'], {}, dir)).stdout,
    ) as QuoteJson;
    expect(found.passages[0]).toMatchObject({ locator: 'p. 2', status: 'exact' });
    const lock = await brief(['lock', '--json'], {}, dir);
    expect(lock.code, lock.stdout).toBe(0);
    const json = JSON.parse(lock.stdout) as {
      warnings: { code: string; file: string; line: number; column: number; message: string; hint: string }[];
    };
    const warning = json.warnings.find((w) => w.code === 'W_LOCATOR_PAGE')!;
    expect(warning).toMatchObject({ file: 'data/claims/paged-2026.yaml', line: 6, column: 14 });
    expect(warning.message).toContain('"p. 3"');
    expect(warning.hint).toContain('p. 2');
    const check = JSON.parse((await brief(['check', '--json'], {}, dir)).stdout) as {
      claims: { id: string; anchor: { locator?: string } }[];
      warnings: { code: string }[];
    };
    expect(check.claims.find((c) => c.id === 'paged-2026/ferry-unlocated')!.anchor.locator).toBe('p. 2');
    expect(check.warnings.filter((w) => w.code === 'W_LOCATOR_PAGE')).toHaveLength(1);
  });
});
