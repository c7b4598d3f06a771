// Every bad input a user can write gets a located diagnostic: code, file and line asserted per case.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { build } from '../../support/build.ts';
import { InputError } from '../../../pipeline/core/diagnostics.ts';
import { MINI, tempCorpus, type TempCorpus } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';
import { optionsFor } from '../../support/options.ts';

const made: TempCorpus[] = [];
afterAll(async () => Promise.all(made.map((c) => c.remove())));

async function original(file: string): Promise<string> {
  return readFile(path.join(MINI, file), 'utf8');
}

/** Replace `from` with `to` in a fixture file (the first occurrence, which must exist). */
async function edit(file: string, from: string, to: string): Promise<Record<string, string>> {
  const text = await original(file);
  if (!text.includes(from)) throw new Error(`fixture ${file} has no "${from}"`);
  return { [file]: text.replace(from, to) };
}

interface Case {
  name: string;
  change: () => Promise<Record<string, string | null>>;
  code: string;
  file: string;
  line: number;
  hint?: RegExp;
}

const cases: Case[] = [
  {
    name: 'YAML syntax error in a claims file',
    change: () => edit('claims/alpha-2021.yaml', '    locator: para. 1\n', '    locator: [para. 1\n'),
    code: 'E_YAML_SYNTAX',
    file: 'claims/alpha-2021.yaml',
    line: 7,
  },
  {
    name: 'claims file names an unknown source',
    change: () => edit('claims/alpha-2021.yaml', 'source: alpha-2021', 'source: alpha-2012'),
    code: 'E_UNKNOWN_SOURCE',
    file: 'claims/alpha-2021.yaml',
    line: 1,
    hint: /did you mean "alpha-2021"/,
  },
  {
    name: 'unknown key in a claim',
    change: () => edit('claims/alpha-2021.yaml', '    statement: The leaders', '    statment: The leaders'),
    code: 'E_UNKNOWN_KEY',
    file: 'claims/alpha-2021.yaml',
    line: 4,
    hint: /did you mean "statement"/,
  },
  {
    name: 'claim without a quote',
    change: () =>
      edit(
        'claims/beta-2022.yaml',
        '    quote: Iran fears encirclement and answered with exercises of its own along the border.\n',
        '',
      ),
    code: 'E_MISSING_FIELD',
    file: 'claims/beta-2022.yaml',
    line: 10,
  },
  {
    name: 'claim type outside the closed set',
    change: () => edit('claims/alpha-2021.yaml', 'type: fact', 'type: fakt'),
    code: 'E_BAD_VALUE',
    file: 'claims/alpha-2021.yaml',
    line: 7,
    hint: /did you mean "fact"/,
  },
  {
    name: 'claim id not prefixed by its source',
    change: () => edit('claims/beta-2022.yaml', 'id: beta-2022/not-aimed', 'id: alpha-2021/not-aimed'),
    code: 'E_CLAIM_ID_PREFIX',
    file: 'claims/beta-2022.yaml',
    line: 3,
  },
  {
    name: 'claim id with capitals',
    change: () => edit('claims/beta-2022.yaml', 'id: beta-2022/not-aimed', 'id: beta-2022/Not_Aimed'),
    code: 'E_BAD_ID',
    file: 'claims/beta-2022.yaml',
    line: 3,
  },
  {
    name: 'duplicate claim id',
    change: () => edit('claims/beta-2022.yaml', 'id: beta-2022/encirclement', 'id: beta-2022/not-aimed'),
    code: 'E_DUPLICATE_ID',
    file: 'claims/beta-2022.yaml',
    line: 10,
  },
  {
    name: 'stance out of range',
    change: () => edit('claims/beta-2022.yaml', 'stances: { threat: 2 }', 'stances: { threat: 3 }'),
    code: 'E_BAD_VALUE',
    file: 'claims/beta-2022.yaml',
    line: 17,
  },
  {
    name: 'stance on an unknown question',
    change: () => edit('claims/beta-2022.yaml', 'stances: { threat: 2 }', 'stances: { threats: 2 }'),
    code: 'E_UNKNOWN_QUESTION',
    file: 'claims/beta-2022.yaml',
    line: 17,
    hint: /did you mean "threat"/,
  },
  {
    name: 'unknown actor code',
    change: () => edit('claims/beta-2022.yaml', 'actors: [IR]', 'actors: [IRN]'),
    code: 'E_UNKNOWN_ACTOR',
    file: 'claims/beta-2022.yaml',
    line: 15,
  },
  {
    name: 'invalid EDTF date on an event',
    change: () => edit('events/events.yaml', 'date: "2021-10"', 'date: "2021-13"'),
    code: 'E_BAD_DATE',
    file: 'events/events.yaml',
    line: 8,
  },
  {
    name: 'interval whose start is after its end',
    change: () => edit('events/events.yaml', 'date: "2021/2022"', 'date: "2022/2021"'),
    code: 'E_BAD_DATE',
    file: 'events/events.yaml',
    line: 14,
  },
  {
    name: 'event evidence names an unknown claim',
    change: () => edit('events/events.yaml', 'evidence: [beta-2022/encirclement]', 'evidence: [beta-2022/encirclment]'),
    code: 'E_UNKNOWN_CLAIM',
    file: 'events/events.yaml',
    line: 18,
    hint: /did you mean "beta-2022\/encirclement"/,
  },
  {
    name: 'event category outside the closed set',
    change: () => edit('events/events.yaml', 'category: economy', 'category: trade'),
    code: 'E_BAD_VALUE',
    file: 'events/events.yaml',
    line: 22,
  },
  {
    name: 'report body cites an unknown claim',
    change: () =>
      edit('reports/brief.md', 'part on intent [@beta-2022/encirclement]', 'part on intent [@beta-2022/encirclemnt]'),
    code: 'E_UNKNOWN_CLAIM',
    file: 'reports/brief.md',
    line: 47,
  },
  {
    name: 'citation with a space after the @',
    change: () =>
      edit('reports/brief.md', 'part on intent [@beta-2022/encirclement]', 'part on intent [@ beta-2022/encirclement]'),
    code: 'E_CITATION_SYNTAX',
    file: 'reports/brief.md',
    line: 47,
    hint: /\[@source-id\/slug\]/,
  },
  {
    name: 'image in a body (the page would drop it)',
    change: () =>
      edit(
        'reports/brief.md',
        'The sources part on intent',
        'A map ![the border](map.png) shows it. The sources part on intent',
      ),
    code: 'E_MARKDOWN_IMAGE',
    file: 'reports/brief.md',
    line: 47,
    hint: /chart from a dataset/,
  },
  {
    name: 'Pandoc citation with a prefix and a page',
    change: () =>
      edit(
        'reports/brief.md',
        'part on intent [@beta-2022/encirclement]',
        'part on intent [see @beta-2022/encirclement, p. 2]',
      ),
    code: 'E_CITATION_SYNTAX',
    file: 'reports/brief.md',
    line: 47,
    hint: /carries its own locator/,
  },
  {
    name: 'bottom line cites an unknown claim',
    change: () => edit('reports/brief.md', 'routine [@beta-2022/not-aimed]', 'routine [@beta-2022/not-aimd]'),
    code: 'E_UNKNOWN_CLAIM',
    file: 'reports/brief.md',
    line: 10,
    hint: /did you mean "beta-2022\/not-aimed"/,
  },
  {
    name: 'report names an unknown audience',
    change: () => edit('reports/brief.md', 'audiences: [executive, analyst]', 'audiences: [executive, analysts]'),
    code: 'E_UNKNOWN_AUDIENCE',
    file: 'reports/brief.md',
    line: 7,
    hint: /did you mean "analyst"/,
  },
  {
    name: 'report of an unknown kind',
    change: () => edit('reports/timeline.md', 'kind: chronology', 'kind: chronicle'),
    code: 'E_BAD_VALUE',
    file: 'reports/timeline.md',
    line: 2,
  },
  {
    name: 'judgment with an unknown confidence',
    change: () => edit('reports/brief.md', 'confidence: moderate', 'confidence: medium'),
    code: 'E_BAD_VALUE',
    file: 'reports/brief.md',
    line: 15,
  },
  {
    name: 'report names an unknown chart',
    change: () => edit('reports/brief.md', 'charts: [drills-by-bloc]', 'charts: [drills-by-block]'),
    code: 'E_UNKNOWN_CHART',
    file: 'reports/brief.md',
    line: 39,
  },
  {
    name: 'chart names an unknown dataset',
    change: () => edit('charts/drills-by-bloc.json', '"name": "drills"', '"name": "drill"'),
    code: 'E_UNKNOWN_DATASET',
    file: 'charts/drills-by-bloc.json',
    line: 4,
  },
  {
    name: 'chart uses a field the dataset lacks',
    change: () => edit('charts/drills-by-bloc.json', '"field": "bloc"', '"field": "block"'),
    code: 'E_UNKNOWN_FIELD',
    file: 'charts/drills-by-bloc.json',
    line: 9,
    hint: /did you mean "bloc"/,
  },
  {
    name: 'CSV cell of the wrong type',
    change: () => edit('datasets/drills.csv', '2021-10,Araz drill,iran,5000', '2021-10,Araz drill,iran,5k'),
    code: 'E_BAD_CELL',
    file: 'datasets/drills.csv',
    line: 3,
  },
  {
    name: 'CSV column not declared in the sidecar',
    change: () => edit('datasets/drills.csv', 'date,name,bloc,troops', 'date,name,bloc,soldiers'),
    code: 'E_MISSING_COLUMN',
    file: 'datasets/drills.yaml',
    line: 8,
  },
  {
    name: 'source front matter with an unknown key',
    change: () => edit('sources/beta-2022.md', 'reliability: B', 'reliabilty: B'),
    code: 'E_UNKNOWN_KEY',
    file: 'sources/beta-2022.md',
    line: 8,
    hint: /did you mean "reliability"/,
  },
  {
    name: 'source with an unknown perspective',
    change: () => edit('sources/beta-2022.md', 'perspective: tehran', 'perspective: teheran'),
    code: 'E_UNKNOWN_PERSPECTIVE',
    file: 'sources/beta-2022.md',
    line: 7,
  },
  {
    name: 'quote that is not in its source text',
    change: () => edit('claims/alpha-2021.yaml', 'grew by 8% in 2023', 'grew by 9% in 2023'),
    code: 'E_QUOTE_NOT_FOUND',
    file: 'claims/alpha-2021.yaml',
    line: 31,
  },
  {
    name: 'report whose front matter is never closed',
    change: async () => ({ 'reports/timeline.md': '---\nkind: chronology\ntitle: T\n\n## Overview\n\nText.\n' }),
    code: 'E_UNCLOSED_FRONT_MATTER',
    file: 'reports/timeline.md',
    line: 1,
  },
  {
    name: 'events file whose aliases would expand without bound (billion laughs)',
    change: async () => ({
      'events/bomb.yaml':
        '- id: bomb\n  date: "2021"\n  title: T\n  category: diplomacy\n  actors: [AZ]\n  x:\n    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n',
    }),
    code: 'E_YAML_ALIASES',
    file: 'events/bomb.yaml',
    line: 1,
  },
  {
    name: 'report without front matter',
    change: async () => ({ 'reports/timeline.md': '# Fixture chronology\n\nNo metadata.\n' }),
    code: 'E_NO_FRONT_MATTER',
    file: 'reports/timeline.md',
    line: 1,
  },
  {
    name: 'YAML error inside source front matter (line counted in the whole file)',
    change: () => edit('sources/alpha-2021.md', 'kind: analysis', 'kind: [analysis'),
    code: 'E_YAML_SYNTAX',
    file: 'sources/alpha-2021.md',
    line: 7,
  },
  {
    name: 'source without a title',
    change: () => edit('sources/alpha-2021.md', 'title: Alliance Notes from Şuşa\n', ''),
    code: 'E_MISSING_FIELD',
    file: 'sources/alpha-2021.md',
    line: 2,
  },
  {
    name: 'source reliability outside A–F',
    change: () => edit('sources/alpha-2021.md', 'reliability: C', 'reliability: G'),
    code: 'E_BAD_VALUE',
    file: 'sources/alpha-2021.md',
    line: 8,
  },
  {
    name: 'source published on a day that does not exist',
    change: () => edit('sources/alpha-2021.md', 'published: "2021-06"', 'published: "2021-02-30"'),
    code: 'E_BAD_DATE',
    file: 'sources/alpha-2021.md',
    line: 5,
  },
  {
    name: 'exclude snippet that is not in the text',
    change: () =>
      edit(
        'sources/alpha-2021.md',
        'distribution: public',
        'distribution: public\nexclude:\n  - from: "no such words anywhere"',
      ),
    code: 'E_EXCLUDE_NOT_FOUND',
    file: 'sources/alpha-2021.md',
    line: 12,
  },
  {
    name: 'quote found only in an excluded part of the text',
    change: () =>
      edit(
        'sources/alpha-2021.md',
        'distribution: public',
        'distribution: public\nexclude:\n  - from: "Trade between the two"',
      ),
    code: 'E_QUOTE_EXCLUDED',
    file: 'claims/alpha-2021.yaml',
    line: 31,
  },
  {
    name: 'duplicate event id',
    change: () => edit('events/events.yaml', 'id: trade-up', 'id: araz-drills'),
    code: 'E_DUPLICATE_ID',
    file: 'events/events.yaml',
    line: 19,
  },
  {
    name: 'event id with spaces',
    change: () => edit('events/events.yaml', 'id: trade-up', 'id: trade up'),
    code: 'E_BAD_ID',
    file: 'events/events.yaml',
    line: 19,
  },
  {
    name: 'event with an unknown actor',
    change: () => edit('events/events.yaml', 'actors: [AZ, IR]', 'actors: [AZ, IRN]'),
    code: 'E_UNKNOWN_ACTOR',
    file: 'events/events.yaml',
    line: 23,
  },
  {
    name: 'event with an unknown key',
    change: () => edit('events/events.yaml', '  category: economy', '  categroy: economy'),
    code: 'E_UNKNOWN_KEY',
    file: 'events/events.yaml',
    line: 22,
    hint: /did you mean "category"/,
  },
  {
    name: 'claims that are not a list',
    change: async () => ({ 'claims/beta-2022.yaml': 'source: beta-2022\nclaims: none yet\n' }),
    code: 'E_BAD_TYPE',
    file: 'claims/beta-2022.yaml',
    line: 2,
  },
  {
    name: 'claims file with an unknown top-level key',
    change: () => edit('claims/beta-2022.yaml', 'source: beta-2022', 'source: beta-2022\nnotes: draft'),
    code: 'E_UNKNOWN_KEY',
    file: 'claims/beta-2022.yaml',
    line: 2,
  },
  {
    name: 'claim period whose interval runs backwards',
    change: () => edit('claims/beta-2022.yaml', 'about: "2021/2022"', 'about: "2022/2021"'),
    code: 'E_BAD_DATE',
    file: 'claims/beta-2022.yaml',
    line: 16,
  },
  {
    name: 'question with an unknown key',
    change: () => edit('questions.yaml', '  low: "No: defensive"', '  lo: "No: defensive"'),
    code: 'E_UNKNOWN_KEY',
    file: 'questions.yaml',
    line: 4,
    hint: /did you mean "low"/,
  },
  {
    name: 'question label too long for a chart axis',
    change: () => edit('questions.yaml', 'short: Threat to Iran', 'short: Is the alliance a grave threat to Iran'),
    code: 'E_BAD_VALUE',
    file: 'questions.yaml',
    line: 3,
  },
  {
    name: 'duplicate actor code',
    change: () => edit('actors.yaml', '{ id: TR, name: Turkey, aliases: [Ankara] }', '{ id: IR, name: Turkey }'),
    code: 'E_DUPLICATE_ID',
    file: 'actors.yaml',
    line: 3,
  },
  {
    name: 'comparative report naming an unknown question',
    change: () => edit('reports/views.md', '{ id: normalise,', '{ id: normalize,'),
    code: 'E_UNKNOWN_QUESTION',
    file: 'reports/views.md',
    line: 15,
    hint: /did you mean "normalise"/,
  },
  {
    name: 'report naming an unknown source',
    change: () => edit('reports/views.md', 'blind_spots:', 'sources: [alpha-2021, beta-2023]\nblind_spots:'),
    code: 'E_UNKNOWN_SOURCE',
    file: 'reports/views.md',
    line: 12,
  },
  {
    name: 'key judgment citing an unknown claim',
    change: () =>
      edit(
        'reports/brief.md',
        'evidence: [alpha-2021/shusha-meeting, beta-2022/not-aimed]',
        'evidence: [alpha-2021/shusha-meting, beta-2022/not-aimed]',
      ),
    code: 'E_UNKNOWN_CLAIM',
    file: 'reports/brief.md',
    line: 17,
  },
  {
    name: 'chart spec with a key Vega-Lite does not know',
    change: () =>
      edit(
        'charts/drills-by-bloc.json',
        '"x": { "field": "bloc", "type": "nominal"',
        '"x": { "field": "bloc", "tpye": "nominal"',
      ),
    code: 'E_UNKNOWN_KEY',
    file: 'charts/drills-by-bloc.json',
    line: 9,
    hint: /did you mean "type"/,
  },
  {
    name: 'chart spec with a mark Vega-Lite does not have',
    change: () => edit('charts/drills-by-bloc.json', '"mark": "bar"', '"mark": "barr"'),
    code: 'E_CHART_SCHEMA',
    file: 'charts/drills-by-bloc.json',
    line: 5,
    hint: /did you mean "bar"/,
  },
  // Ids become file names (R13): over 64 characters, E_BAD_ID with the limit, never ENAMETOOLONG later.
  {
    name: 'an audience id over 64 characters',
    change: () => edit('audiences.yaml', '- id: executive', `- id: ${'x'.repeat(65)}`),
    code: 'E_BAD_ID',
    file: 'audiences.yaml',
    line: 1,
    hint: /shorten the id/,
  },
  {
    name: 'a report whose file name is over 64 characters',
    change: async () => ({ [`reports/${'r'.repeat(65)}.md`]: await original('reports/views.md') }),
    code: 'E_BAD_ID',
    file: `reports/${'r'.repeat(65)}.md`,
    line: 1,
    hint: /at most 64/,
  },
  // Control characters in titles printed as "u0000" in the running header (R23): refused, located.
  {
    name: 'a NUL and an ESC in a report title',
    change: () => edit('reports/brief.md', 'title: The Şuşa alliance and Iran', 'title: "NUL\\0here ESC\\ehere"'),
    code: 'E_CONTROL_CHAR',
    file: 'reports/brief.md',
    line: 3,
    hint: /delete it/,
  },
  {
    name: 'a DEL in an audience label',
    change: () => edit('audiences.yaml', 'label: Executive', 'label: "Exec\\x7Futive"'),
    code: 'E_CONTROL_CHAR',
    file: 'audiences.yaml',
    line: 2,
  },
  // Vega cannot draw a link without a browser (it crashed the build), and paper cannot follow one.
  {
    name: 'chart with an href channel',
    change: () => edit('charts/drills-by-bloc.json', '"y": {', '"href": { "field": "name" },\n    "y": {'),
    code: 'E_CHART_EXTERNAL',
    file: 'charts/drills-by-bloc.json',
    line: 10,
  },
  {
    name: 'chart without a description',
    change: () =>
      edit('charts/drills-by-bloc.json', '"description": "Counts of the drills in the fixture dataset.",\n', ''),
    code: 'E_CHART_NO_DESCRIPTION',
    file: 'charts/drills-by-bloc.json',
    line: 1,
  },
  {
    name: 'chart layer loading data from a URL',
    change: () =>
      edit(
        'charts/drills-by-bloc.json',
        '"width": 300,',
        '"layer": [{ "data": { "url": "http://example.com/x.csv" }, "mark": "bar" }],\n  "width": 300,',
      ),
    code: 'E_CHART_EXTERNAL',
    file: 'charts/drills-by-bloc.json',
    line: 6,
  },
  {
    name: 'source text given as a path',
    change: () => edit('sources/alpha-2021.md', 'text: alpha.txt', 'text: ../../etc/alpha.txt'),
    code: 'E_BAD_VALUE',
    file: 'sources/alpha-2021.md',
    line: 9,
  },
  {
    name: 'chart file that is not valid JSON',
    change: () => edit('charts/drills-by-bloc.json', '"width": 300,', '"width": 300,,'),
    code: 'E_YAML_SYNTAX',
    file: 'charts/drills-by-bloc.json',
    line: 6,
  },
  {
    name: 'CSV row with too many cells',
    change: () => edit('datasets/drills.csv', '2022,Border drill,iran,', '2022,Border drill,iran,,extra'),
    code: 'E_CSV_SYNTAX',
    file: 'datasets/drills.csv',
    line: 4,
  },
  {
    name: 'CSV date cell that is not EDTF',
    change: () => edit('datasets/drills.csv', '2021-10,Araz drill', 'Oct 2021,Araz drill'),
    code: 'E_BAD_CELL',
    file: 'datasets/drills.csv',
    line: 3,
  },
  {
    name: 'CSV column the sidecar does not declare',
    change: async () => ({
      'datasets/drills.csv': 'date,name,bloc,troops,notes\n2021-06,Alliance drill,tr-az,3000,x\n',
    }),
    code: 'E_UNDECLARED_COLUMN',
    file: 'datasets/drills.csv',
    line: 1,
  },
  {
    name: 'dataset row naming an unknown claim as its evidence',
    change: () =>
      edit('datasets/drills.csv', 'iran,5000,alpha-2021/drills-contested', 'iran,5000,alpha-2021/drills-contestd'),
    code: 'E_UNKNOWN_CLAIM',
    file: 'datasets/drills.csv',
    line: 3,
    hint: /did you mean "alpha-2021\/drills-contested"/,
  },
  {
    name: 'dataset file without its sidecar',
    change: async () => ({ 'datasets/drills.yaml': null }),
    code: 'E_NO_SIDECAR',
    file: 'datasets/drills.csv',
    line: 1,
  },
  {
    name: 'dataset sidecar without its data file',
    change: async () => ({ 'datasets/drills.csv': null }),
    code: 'E_NO_DATA_FILE',
    file: 'datasets/drills.yaml',
    line: 1,
  },
  {
    name: 'dataset column of an unknown type',
    change: () => edit('datasets/drills.yaml', 'troops: { type: integer', 'troops: { type: int'),
    code: 'E_BAD_VALUE',
    file: 'datasets/drills.yaml',
    line: 8,
    hint: /did you mean "integer"/,
  },
  {
    name: 'page budget for a kind that does not exist',
    change: () =>
      edit(
        'audiences.yaml',
        '  omit: [background, analysis, assumptions, indicators]\n',
        '  omit: [background, analysis, assumptions, indicators]\n  page_budget: { policy-brief: 2, chronolgy: 3 }\n',
      ),
    code: 'E_UNKNOWN_KEY',
    file: 'audiences.yaml',
    line: 7,
    hint: /did you mean "chronology"/,
  },
  {
    name: 'page budget of no pages',
    change: () =>
      edit(
        'audiences.yaml',
        '  omit: [background, analysis, assumptions, indicators]\n',
        '  omit: [background, analysis, assumptions, indicators]\n  page_budget:\n    policy-brief: 0\n',
      ),
    code: 'E_BAD_VALUE',
    file: 'audiences.yaml',
    line: 8,
  },
  {
    name: 'audience notes that are not true or false',
    change: () =>
      edit(
        'audiences.yaml',
        '  omit: [background, analysis, assumptions, indicators]\n',
        '  omit: [background, analysis, assumptions, indicators]\n  notes: none\n',
      ),
    code: 'E_BAD_TYPE',
    file: 'audiences.yaml',
    line: 7,
  },
  {
    name: 'audience with a negative chart count',
    change: () =>
      edit(
        'audiences.yaml',
        '  omit: [background, analysis, assumptions, indicators]\n',
        '  omit: [background, analysis, assumptions, indicators]\n  charts: -1\n',
      ),
    code: 'E_BAD_VALUE',
    file: 'audiences.yaml',
    line: 7,
  },
  {
    name: 'report with an empty audience list',
    change: () => edit('reports/brief.md', 'audiences: [executive, analyst]', 'audiences: []'),
    code: 'E_BAD_VALUE',
    file: 'reports/brief.md',
    line: 7,
  },
];

const byName = (name: string): Case => {
  const c = cases.find((k) => k.name === name);
  if (!c) throw new Error(`no case named "${name}"`);
  return c;
};

/** Where every corpus in memory seems to be: its paths as diagnostics show them, and its out/. */
const corpus = memoryCorpus();

/**
 * `brief check` on the mini corpus in memory with these changes. Its look at the templates (template-check.ts)
 * reads nothing of the corpus but its audiences, and finds nothing on the fixture's ('the mini
 * fixture itself is clean'): it runs only when audiences.yaml is changed, where it could say more.
 * It was three quarters of each case's time.
 */
async function checkWith(changes: Record<string, string | null>) {
  const templates = 'audiences.yaml' in changes;
  return memoryCorpus(changes).check({ templates });
}

describe('invalid inputs are located', () => {
  it.each(cases)('$name → $code at $file:$line', async (c) => {
    const result = await checkWith(await c.change());
    expect(result.ok).toBe(false);
    const found = result.errors.find((d) => d.code === c.code);
    expect(
      found,
      `expected ${c.code}; got ${result.errors.map((d) => `${d.code}@${d.file}:${d.line}`).join(', ')}`,
    ).toBeDefined();
    expect(found!.file).toBe(corpus.rel(c.file));
    expect(found!.line).toBe(c.line);
    expect(found!.column).toBeGreaterThanOrEqual(1);
    expect(found!.hint.length).toBeGreaterThan(5);
    if (c.hint) expect(found!.hint).toMatch(c.hint);
    expect(existsSync(corpus.options.outDir), 'brief check wrote out/').toBe(false);
  });

  // brief build runs the same check first (run/build.ts, step 1–4): two cases, one the loader
  // finds and one only the model can, show that it stops there, before writing anything. These
  // stay on the disk: what they hold the orchestrator to is that out/ is never made.
  it.each(['YAML syntax error in a claims file', 'event evidence names an unknown claim'])(
    'brief build stops before writing anything: %s',
    async (name) => {
      const c = byName(name);
      const onDisk = await tempCorpus(await c.change());
      made.push(onDisk);
      const error = await build(optionsFor(onDisk.data, onDisk.out)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toContain(
        `${c.code} ${onDisk.rel(c.file)}:${c.line}`,
      );
      expect(existsSync(onDisk.out)).toBe(false);
    },
  );

  it('has at least 40 cases, one defect each', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('collects problems from every file before failing', async () => {
    const changes = {
      ...(await byName('unknown key in a claim').change()),
      ...(await byName('invalid EDTF date on an event').change()),
      ...(await byName('report body cites an unknown claim').change()),
    };
    const result = await checkWith(changes);
    const codes = new Set(result.errors.map((d) => `${d.code} ${path.basename(d.file)}`));
    for (const expected of ['E_UNKNOWN_KEY alpha-2021.yaml', 'E_BAD_DATE events.yaml', 'E_UNKNOWN_CLAIM brief.md'])
      expect(codes).toContain(expected);
  });

  it('the mini fixture itself is clean', async () => {
    const result = await memoryCorpus().check();
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('changes only its own corpus in each case: the fixture in memory is still clean after them', async () => {
    const result = await corpus.check();
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe('a pack of many reports', () => {
  it('gets a bounded file name (a hash of its reports), not ENAMETOOLONG', async () => {
    const { packName } = await import('../../../pipeline/pack/pack.ts');
    const reports = Array.from({ length: 40 }, (_, i) => `report-number-${i}`);
    const name = packName({ audience: 'analyst', pack: undefined, reports });
    expect(name.length).toBeLessThanOrEqual(150);
    expect(name).toMatch(/^analyst\.report-number-0\+39-more-[0-9a-f]{12}$/);
    expect(packName({ audience: 'analyst', pack: undefined, reports: [...reports].reverse() })).not.toBe(name);
    expect(packName({ audience: 'analyst', pack: undefined, reports: ['a', 'b'] })).toBe('analyst.a+b');
  });
});
