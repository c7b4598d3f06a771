// validate: no validator's own wording reaches the user. Bad values of every kind are said in
// plain words ("should be a whole number", "is 5, more than the most it may be, 2").
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseYaml } from '../../../pipeline/core/yaml-positions.ts';
import { issuesToDiagnostics } from '../../../pipeline/core/zod-issues.ts';
import {
  AudiencesFile,
  ClaimsFile,
  Event,
  PackFile,
  QuestionsFile,
  ReportFrontMatter,
  SourceFrontMatter,
} from '../../../pipeline/validate/schemas.ts';

const CASES: [string, z.ZodType, string][] = [
  [
    'a fractional chart count and page budget',
    AudiencesFile,
    '- {id: a, label: A, marking: M, charts: 1.5, page_budget: {policy-brief: 2.5}}',
  ],
  ['a stance out of range', ClaimsFile, 'source: s\nclaims:\n  - {id: s/a, statement: S, quote: Q, stances: {q: 5}}'],
  [
    'a negative stance out of range',
    ClaimsFile,
    'source: s\nclaims:\n  - {id: s/a, statement: S, quote: Q, stances: {q: -3}}',
  ],
  [
    'an empty statement and a string for a list',
    ClaimsFile,
    'source: s\nclaims:\n  - {id: s/a, statement: "", quote: Q, topics: "x"}',
  ],
  [
    'a judgment without evidence or text',
    ReportFrontMatter,
    'kind: policy-brief\ntitle: T\nbluf: B\noutlook: {horizon: 2027}\njudgments: [{confidence: low, evidence: []}]',
  ],
  ['an event without actors', Event, '{id: e, date: "2021", title: T, category: diplomacy, actors: [], evidence: [x]}'],
  [
    'a question without a kind of disagreement, a period without dates',
    ReportFrontMatter,
    'kind: policy-brief\ntitle: T\nbluf: B\nquestions: [{id: q, disagreement: [], common_ground: x}]\nperiods: [{label: x}]',
  ],
  [
    'a short label too long, a number for text',
    QuestionsFile,
    '- {id: q, question: 12, short: "a label far longer than twenty-eight characters", low: l, high: h}',
  ],
  ['a pack with no reports, a source URL that is not one', PackFile, 'title: T\naudiences: [a]\nreports: []'],
  ['a source whose URL is not one', SourceFrontMatter, 'id: s\ntitle: T\ntext: t.txt\nurl: not a url\nreliability: Z'],
  ['a source whose URL has no scheme', SourceFrontMatter, 'id: s\ntitle: T\ntext: t.txt\nurl: example.com/page'],
];

describe('plain words', () => {
  it.each(CASES)('%s', (_, schema, text) => {
    const src = parseYaml('x.yaml', text).value!;
    const json = src.doc.toJS();
    const r = schema.safeParse(json);
    expect(r.success).toBe(false);
    const messages = issuesToDiagnostics(src, schema, r.error!, [], json).map((d) => `${d.message} | ${d.hint}`);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages)
      expect(m).not.toMatch(
        /Invalid input|Too big|Too small|expected .* received|received .*|a int\b|a record\b|Invalid (string|url|enum)|<=|>=/i,
      );
  });
});
