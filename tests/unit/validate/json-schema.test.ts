// The JSON Schemas editors use (validate/json-schema.ts, schemas/) agree with the zod schemas brief
// checks with: on the sample corpus, the fixture, what `brief init` writes, the invalid inputs a
// schema can judge, and random edits of valid files.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isEdtf } from '../../../pipeline/core/edtf.ts';
import { parseMarkdown, parseYaml } from '../../../pipeline/load/parse-files.ts';
import { schemaFiles, SCHEMA_DIR, vscodeFiles } from '../../../pipeline/run/editor-files.ts';
import { INIT_FILES } from '../../../pipeline/run/init-files.ts';
import {
  jsonSchemas,
  SCHEMA_BASE,
  SCHEMA_KINDS,
  schemaText,
  type SchemaKind,
} from '../../../pipeline/validate/json-schema.ts';
import { EDTF_PATTERN } from '../../../pipeline/validate/schemas.ts';
import { MINI } from '../../support/corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const schemas = jsonSchemas();

// strict: a keyword ajv does not know, or a type it cannot tell, is a mistake in the generator.
const ajv = new Ajv2020({ strict: true, allErrors: true });
// As z.url() decides: whatever the URL parser accepts.
ajv.addFormat('uri', (s: string) => URL.canParse(s));
const validators = new Map<string, ValidateFunction>(SCHEMA_KINDS.map((k) => [k.name, ajv.compile(schemas[k.name]!)]));

const kind = (name: string): SchemaKind => SCHEMA_KINDS.find((k) => k.name === name)!;
const SOURCE = kind('source.schema.json');
const REPORT = kind('report.schema.json');

/** Which schema judges a file, by its path from a corpus folder (data/… or brief.config.yaml). */
function kindOf(rel: string): SchemaKind | undefined {
  if (/^data\/sources\/[^/]+\.md$/.test(rel)) return SOURCE;
  if (/^data\/reports\/[^/]+\.md$/.test(rel)) return REPORT;
  const glob = (g: string) => new RegExp(`^${g.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return SCHEMA_KINDS.find((k) => k.files.some((g) => glob(g).test(rel)));
}

/** The value a file holds, read as brief's loaders read it (front matter for Markdown). */
function fileValue(rel: string, text: string): unknown {
  const parsed = rel.endsWith('.md') ? parseMarkdown(rel, text).value?.frontMatter : parseYaml(rel, text).value;
  if (!parsed) throw new Error(`${rel} does not parse`);
  return parsed.doc.toJS();
}

interface Verdict {
  readonly ajv: boolean;
  readonly zod: boolean;
  readonly errors: string;
}
function judge(k: SchemaKind, value: unknown): Verdict {
  const validate = validators.get(k.name)!;
  const ok = validate(value);
  const zod = (k.schema as z.ZodType).safeParse(value);
  return {
    ajv: ok,
    zod: zod.success,
    errors: `ajv: ${ajv.errorsText(validate.errors)}; zod: ${zod.error?.message ?? 'ok'}`,
  };
}

/** Every corpus file under `dataDir` (as data/…), with its text. */
function corpusFiles(dataDir: string): [string, string][] {
  return (readdirSync(dataDir, { recursive: true }) as string[])
    .map((f) => `data/${f.split(path.sep).join('/')}`)
    .filter((rel) => kindOf(rel))
    .sort()
    .map((rel) => [rel, readFileSync(path.join(dataDir, rel.slice('data/'.length)), 'utf8')]);
}

describe('the JSON Schemas', () => {
  it('are up to date in schemas/ (else: npm run schemas)', () => {
    const dir = path.join(ROOT, 'schemas');
    const committed = readdirSync(dir)
      .filter((f) => f.endsWith('.schema.json'))
      .sort();
    expect(committed, 'npm run schemas').toEqual(Object.keys(schemas).sort());
    for (const [name, schema] of Object.entries(schemas))
      expect(readFileSync(path.join(dir, name), 'utf8'), `schemas/${name} is stale: npm run schemas`).toBe(
        schemaText(schema),
      );
  });

  it('each names itself, its draft and what it is for, and every field says what it holds', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const { properties } = node as { properties?: Record<string, { description?: string }> };
      for (const [key, field] of Object.entries(properties ?? {}))
        if (!field.description) undescribed.push(`${at}.${key}`);
      for (const [key, value] of Object.entries(node)) walk(value, `${at}${key === 'properties' ? '' : `/${key}`}`);
    };
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${SCHEMA_BASE}${name}`,
        title: expect.any(String),
        description: expect.any(String),
      });
      walk(schema, name);
    }
    expect(undescribed).toEqual([]);
  });

  it('carry ids as patterns and closed sets as enums', () => {
    const claim = (
      schemas['claims.schema.json'] as {
        properties: { claims: { items: { properties: Record<string, { pattern?: string; enum?: string[] }> } } };
      }
    ).properties.claims.items.properties;
    expect(claim.id!.pattern).toBe('^[a-z0-9]+(?:-[a-z0-9]+)*\\/[a-z0-9]+(?:-[a-z0-9]+)*$');
    expect(claim.type!.enum).toContain('reported-speech');
  });

  it('take every EDTF date brief takes: the pattern matches whatever isEdtf accepts', () => {
    const pattern = new RegExp(EDTF_PATTERN, 'u');
    const seeds = [
      '2021',
      '2021-06',
      '2021-06-15',
      '1985-04-12T23:20:30Z',
      'Y170000002',
      '2004-06/2006-08',
      '../2020',
      '19XX',
      '2001-21',
      '-13',
      '2020~',
      '2004?/2006~',
    ];
    const edited = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(20), fc.constantFrom(...'0123456789X-/~?%.YTZ:+'), fc.boolean()), { maxLength: 3 }),
      )
      .map(([s, ops]) =>
        ops.reduce((t, [i, c, insert]) => {
          const k = i % (t.length + 1);
          return t.slice(0, k) + c + t.slice(insert ? k : k + 1);
        }, s),
      );
    fc.assert(
      fc.property(
        fc.oneof(edited, fc.stringMatching(/^[0-9X\-/~?%.YTZ:+]{0,12}$/)),
        (s) => !isEdtf(s) || pattern.test(s),
      ),
      { numRuns: 3000 },
    );
    for (const bad of ['Oct 2021', '15 June 2021', '2021/06/15', 'soon', '..'])
      expect(pattern.test(bad), bad).toBe(false);
  });
});

describe('valid files are valid under both the JSON Schema and zod', () => {
  const samples = [
    ...corpusFiles(path.join(ROOT, 'data')).map(([rel, text]) => ({ where: `sample ${rel}`, rel, text })),
    ...corpusFiles(MINI).map(([rel, text]) => ({ where: `fixture ${rel}`, rel, text })),
    ...Object.entries(INIT_FILES)
      .filter(([rel]) => kindOf(rel))
      .map(([rel, text]) => ({ where: `brief init ${rel}`, rel, text })),
  ];

  it('covers every kind of file', () => {
    const judged = new Set(samples.map((s) => kindOf(s.rel)!.name));
    expect([...judged].sort()).toEqual(SCHEMA_KINDS.map((k) => k.name).sort());
  });

  it.each(samples)('$where', ({ rel, text }) => {
    const verdict = judge(kindOf(rel)!, fileValue(rel, text));
    expect(verdict, verdict.errors).toMatchObject({ ajv: true, zod: true });
  });

  it('brief init writes the schemas as generated, and VS Code settings that map each to its files', () => {
    const files = schemaFiles();
    for (const [name, schema] of Object.entries(schemas))
      expect(files[`${SCHEMA_DIR}/${name}`]).toBe(schemaText(schema));
    const settings = JSON.parse(vscodeFiles()['.vscode/settings.json']!) as {
      'yaml.schemas': Record<string, string[]>;
    };
    expect(settings['yaml.schemas']).toEqual(
      Object.fromEntries(SCHEMA_KINDS.filter((k) => k.files.length).map((k) => [`./${SCHEMA_DIR}/${k.name}`, k.files])),
    );
    expect(Object.keys(settings['yaml.schemas']).every((f) => `${f.slice(2)}` in files)).toBe(true);
    expect(JSON.parse(vscodeFiles()['.vscode/extensions.json']!)).toEqual({ recommendations: ['redhat.vscode-yaml'] });
  });
});

/**
 * The cases of invalid-inputs.test.ts, by name. Those a schema can judge are repeated here with
 * their edit (of the mini corpus, pipeline/render/specimen); each other one says why no schema can judge it.
 */
/** `from` null: the whole file becomes `to`. */
const JUDGED: Record<string, readonly [file: string, from: string | null, to: string]> = {
  'unknown key in a claim': ['claims/alpha-2021.yaml', '    statement: The leaders', '    statment: The leaders'],
  'claim without a quote': [
    'claims/beta-2022.yaml',
    '    quote: Iran fears encirclement and answered with exercises of its own along the border.\n',
    '',
  ],
  'claim type outside the closed set': ['claims/alpha-2021.yaml', 'type: fact', 'type: fakt'],
  'claim id with capitals': ['claims/beta-2022.yaml', 'id: beta-2022/not-aimed', 'id: beta-2022/Not_Aimed'],
  'report of an unknown kind': ['reports/timeline.md', 'kind: chronology', 'kind: chronicle'],
  'judgment with an unknown confidence': ['reports/brief.md', 'confidence: moderate', 'confidence: medium'],
  'source front matter with an unknown key': ['sources/beta-2022.md', 'reliability: B', 'reliabilty: B'],
  'source without a title': ['sources/alpha-2021.md', 'title: Alliance Notes from Şuşa\n', ''],
  'source reliability outside A–F': ['sources/alpha-2021.md', 'reliability: C', 'reliability: G'],
  'stance out of range': ['claims/beta-2022.yaml', 'stances: { threat: 2 }', 'stances: { threat: 3 }'],
  'invalid EDTF date on an event': ['events/events.yaml', 'date: "2021-10"', 'date: "2021-13"'],
  'event category outside the closed set': ['events/events.yaml', 'category: economy', 'category: trade'],
  'event id with spaces': ['events/events.yaml', 'id: trade-up', 'id: trade up'],
  'event with an unknown key': ['events/events.yaml', '  category: economy', '  categroy: economy'],
  'claims that are not a list': ['claims/beta-2022.yaml', null, 'source: beta-2022\nclaims: none yet\n'],
  'claims file with an unknown top-level key': [
    'claims/beta-2022.yaml',
    'source: beta-2022',
    'source: beta-2022\nnotes: draft',
  ],
  'question with an unknown key': ['questions.yaml', '  low: "No: defensive"', '  lo: "No: defensive"'],
  'question label too long for a chart axis': [
    'questions.yaml',
    'short: Threat to Iran',
    'short: Is the alliance a grave threat to Iran',
  ],
  'dataset column of an unknown type': ['datasets/drills.yaml', 'troops: { type: integer', 'troops: { type: int'],
  'page budget for a kind that does not exist': [
    'audiences.yaml',
    '  omit: [background, analysis, assumptions, indicators]\n',
    '  omit: [background, analysis, assumptions, indicators]\n  page_budget: { policy-brief: 2, chronolgy: 3 }\n',
  ],
  'page budget of no pages': [
    'audiences.yaml',
    '  omit: [background, analysis, assumptions, indicators]\n',
    '  omit: [background, analysis, assumptions, indicators]\n  page_budget:\n    policy-brief: 0\n',
  ],
  'audience notes that are not true or false': [
    'audiences.yaml',
    '  omit: [background, analysis, assumptions, indicators]\n',
    '  omit: [background, analysis, assumptions, indicators]\n  notes: none\n',
  ],
  'audience with a negative chart count': [
    'audiences.yaml',
    '  omit: [background, analysis, assumptions, indicators]\n',
    '  omit: [background, analysis, assumptions, indicators]\n  charts: -1\n',
  ],
  'report with an empty audience list': ['reports/brief.md', 'audiences: [executive, analyst]', 'audiences: []'],
  'source text given as a path': ['sources/alpha-2021.md', 'text: alpha.txt', 'text: ../../etc/alpha.txt'],
  'an audience id over 64 characters': ['audiences.yaml', '- id: executive', `- id: ${'x'.repeat(65)}`],
};

const CROSS_REFERENCE = "a reference to another file's id: a schema sees one file";
const NOT_JUDGED: Record<string, string> = {
  'a report whose file name is over 64 characters':
    "the id is the file's name, which a schema of its content does not see",
  'a NUL and an ESC in a report title':
    "a refinement of zod's (control characters), not written into the JSON Schema: brief check judges it",
  'a DEL in an audience label':
    "a refinement of zod's (control characters), not written into the JSON Schema: brief check judges it",
  'YAML syntax error in a claims file': "the file does not parse: the editor's YAML parser says so, not the schema",
  'YAML error inside source front matter (line counted in the whole file)': 'the front matter does not parse',
  'report whose front matter is never closed': 'Markdown structure, before any front matter exists',
  'report without front matter': 'Markdown structure, before any front matter exists',
  'events file whose aliases would expand without bound (billion laughs)':
    'a YAML parsing limit, met before any schema looks',
  'chart file that is not valid JSON': 'the file does not parse',
  'claims file names an unknown source': CROSS_REFERENCE,
  'claim id not prefixed by its source':
    "the id is well formed; its prefix must equal the file's `source`, another field (JSON Schema has no $data in editors)",
  'source with an unknown perspective': CROSS_REFERENCE,
  'event with an unknown actor': `${CROSS_REFERENCE} (IRN is a well-formed code)`,
  'bottom line cites an unknown claim': CROSS_REFERENCE,
  'report names an unknown audience': CROSS_REFERENCE,
  'report names an unknown chart': CROSS_REFERENCE,
  'chart names an unknown dataset': CROSS_REFERENCE,
  'chart uses a field the dataset lacks': CROSS_REFERENCE,
  'comparative report naming an unknown question': CROSS_REFERENCE,
  'report naming an unknown source': CROSS_REFERENCE,
  'key judgment citing an unknown claim': CROSS_REFERENCE,
  'dataset row naming an unknown claim as its evidence': CROSS_REFERENCE,
  'duplicate event id': 'ids unique across entries: uniqueItems compares whole entries, not one field',
  'duplicate actor code': 'ids unique across entries: uniqueItems compares whole entries, not one field',
  'source published on a day that does not exist':
    'EDTF meaning beyond the grammar: 2021-02-30 matches the pattern; only the EDTF parser knows February',
  'claim period whose interval runs backwards':
    'EDTF meaning beyond the grammar: both ends are well formed, their order is not a pattern',
  'quote that is not in its source text': 'anchoring: the quote is looked for in the source text',
  'exclude snippet that is not in the text': 'anchoring: the snippet is looked for in the source text',
  'quote found only in an excluded part of the text': 'anchoring',
  'Pandoc citation with a prefix and a page': 'citation syntax inside Markdown prose',
  'citation with a space after the @': 'citation syntax inside Markdown prose',
  'report body cites an unknown claim': CROSS_REFERENCE,
  'event evidence names an unknown claim': CROSS_REFERENCE,
  'stance on an unknown question': CROSS_REFERENCE,
  'unknown actor code': `${CROSS_REFERENCE} (IRN is a well-formed code)`,
  'duplicate claim id': 'ids unique across entries: uniqueItems compares whole entries, not one field',
  'interval whose start is after its end':
    'EDTF meaning beyond the grammar: both ends are well formed, their order is not a pattern',
  'image in a body (the page would drop it)': 'the Markdown body, not front matter',
  'CSV cell of the wrong type': "CSV data, checked against the sidecar's column types",
  'CSV column not declared in the sidecar': 'CSV data against its sidecar',
  'CSV row with too many cells': 'CSV syntax',
  'CSV date cell that is not EDTF': 'CSV data against its sidecar',
  'CSV column the sidecar does not declare': 'CSV data against its sidecar',
  'dataset file without its sidecar': 'a missing file',
  'dataset sidecar without its data file': 'a missing file',
  'chart spec with a key Vega-Lite does not know':
    "charts are Vega-Lite specs: their own $schema (Vega-Lite's) judges them",
  'chart spec with a mark Vega-Lite does not have': 'charts are Vega-Lite specs: their own $schema judges them',
  'chart with an href channel': 'a brief rule over any part of a Vega-Lite spec',
  'chart layer loading data from a URL': 'a brief rule over any part of a Vega-Lite spec',
};

describe('invalid inputs a schema can judge are rejected by both', () => {
  it('every case of invalid-inputs.test.ts is judged here or said to be beyond a schema', () => {
    const source = readFileSync(path.join(ROOT, 'tests/unit/validate/invalid-inputs.test.ts'), 'utf8');
    const names = [...source.matchAll(/^\s*(?:\{ )?name: '((?:[^'\\]|\\.)*)'/gm)].map((m) =>
      m[1]!.replace(/\\'/g, "'"),
    );
    expect(names.length).toBeGreaterThanOrEqual(40);
    const unaccounted = names.filter((n) => !(n in JUDGED) && !(n in NOT_JUDGED));
    expect(unaccounted, 'add each new case to JUDGED (with its edit) or NOT_JUDGED (with why)').toEqual([]);
  });

  it.each(Object.entries(JUDGED))('%s', (_, [file, from, to]) => {
    const text = readFileSync(path.join(MINI, file), 'utf8');
    if (from !== null) expect(text, `fixture ${file} has no "${from}"`).toContain(from);
    const rel = `data/${file}`;
    const verdict = judge(kindOf(rel)!, fileValue(rel, from === null ? to : text.replace(from, to)));
    expect(verdict, verdict.errors).toMatchObject({ ajv: false, zod: false });
  });

  it('EDTF meaning beyond the pattern: zod rejects, the schema lets through (so brief check remains the judge)', () => {
    const source = fileValue(
      'data/sources/alpha-2021.md',
      readFileSync(path.join(MINI, 'sources/alpha-2021.md'), 'utf8'),
    ) as Record<string, unknown>;
    for (const published of ['2021-02-30', '2022/2021'])
      expect(judge(SOURCE, { ...source, published })).toMatchObject({ ajv: true, zod: false });
  });
});

describe('random edits of valid files: the JSON Schema and zod agree', () => {
  type Path = (string | number)[];
  /** Every place in a value: each is a candidate for an edit. */
  function places(value: unknown, at: Path = []): Path[] {
    if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => places(v, [...at, i]))];
    if (value && typeof value === 'object')
      return [at, ...Object.entries(value).flatMap(([k, v]) => places(v, [...at, k]))];
    return [at];
  }
  function edit(value: unknown, at: Path, op: 'set' | 'delete' | 'add', with_: unknown): unknown {
    const copy = structuredClone(value);
    if (!at.length) return op === 'set' ? with_ : copy;
    const parent = at
      .slice(0, -1)
      .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
    const key = at.at(-1)!;
    if (op === 'set') parent[key] = with_;
    else if (op === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key];
    else if (parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key]))
      (parent[key] as Record<string, unknown>)[String(with_)] = 'x';
    return copy;
  }
  // Values both sides judge alike; not whitespace runs in a bounded one-line field (zod counts them as
  // one space, maxLength each), nor well-formed EDTF that means no date (2021-02-30): said above.
  const VALUES = [
    '',
    '   ',
    'x',
    'Bad Id',
    'ok-id',
    'AZ',
    'a/b',
    'fact',
    'high',
    '2021-06',
    '2021',
    'Oct 2021',
    'https://example.org/a',
    'not a url',
    2013,
    13,
    0,
    -1,
    2.5,
    5,
    true,
    false,
    null,
    [],
    ['x'],
    ['AZ'],
    {},
    { id: 'x' },
  ];

  // Every setting set, besides the config brief init writes.
  const fullConfig =
    'data: data\nout: out\ntexts: [../texts]\ntemplates: my-templates\nstyles: my-styles\narchive: editions\naudiences: [team]\n';
  const samples = [
    ...corpusFiles(path.join(ROOT, 'data')),
    ...corpusFiles(MINI),
    ...Object.entries(INIT_FILES).filter(([rel]) => kindOf(rel)),
    ['brief.config.yaml', fullConfig] as [string, string],
  ];
  it.each(SCHEMA_KINDS.map((k) => [k.name, k] as const))('%s', (_, k) => {
    const valid = samples.filter(([rel]) => kindOf(rel) === k).map(([rel, text]) => fileValue(rel, text));
    for (const v of valid) expect(judge(k, v)).toMatchObject({ ajv: true, zod: true });
    expect(valid.length).toBeGreaterThan(0);
    // A field is picked first, then one of its places: a list of forty claims does not drown the rare fields.
    const byField = (v: unknown): Path[][] => {
      const groups = new Map<string, Path[]>();
      for (const at of places(v)) {
        const field = at.map((k) => (typeof k === 'number' ? '#' : k)).join('.');
        groups.set(field, [...(groups.get(field) ?? []), at]);
      }
      return [...groups.values()];
    };
    const edited = fc.constantFrom(...valid).chain((v) =>
      fc.tuple(
        fc.constant(v),
        fc.constantFrom(...byField(v)).chain((group) => fc.constantFrom(...group)),
        fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
        fc.constantFrom<unknown>(...VALUES, 'statment', 'unknown_key'),
      ),
    );
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(edited, ([v, at, op, with_]) => {
        const value = edit(v, at, op, with_);
        const verdict = judge(k, value);
        if (verdict.ajv !== verdict.zod)
          throw new Error(`${op} ${JSON.stringify(with_)} at ${at.join('.')}: ${verdict.errors}`);
        seen[verdict.zod ? 'valid' : 'invalid']++;
      }),
      { numRuns: 300, seed: 20261207 },
    );
    // Both answers occur, or the sweep proves little.
    expect(seen.valid).toBeGreaterThan(5);
    expect(seen.invalid).toBeGreaterThan(5);
  });
});
