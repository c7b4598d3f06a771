// run: whether a document is kept, and why it is redone, in words a user can act on, judged from
// its record and its parts alone (no build, no disk).
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../pipeline/config/options.ts';
import type { Parts } from '../../../pipeline/run/fingerprint.ts';
import { reasonsToRedo } from '../../../pipeline/run/keep.ts';
import type { DocumentRecord } from '../../../pipeline/run/state.ts';

const options = { ...defaultOptions(), editionDate: '2024-01-15', editionDateGiven: false, force: false };
const parts: Parts = {
  'claim:a/one': { hash: 'c1', files: [] },
  'template:bluf': { hash: 'corpus:partials/bluf.hbs|t1', files: [] },
  tool: { hash: 'tool', files: [] },
};
const record: DocumentRecord = {
  name: 'brief.team',
  report: 'brief',
  title: 'Brief',
  kind: 'policy-brief',
  audience: 'team',
  editionDate: '2024-01-15',
  fingerprint: 'f',
  parts: Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.hash])),
  files: [],
  templates: ['bluf'],
  html: { path: 'html/brief.team.html', size: 10 },
  pdf: { path: 'pdf/brief.team.pdf', size: 20, pages: 2 },
};
const present = () => true;

describe('reasonsToRedo', () => {
  it('keeps a document nothing of which changed', () => {
    expect(reasonsToRedo(record, parts, options, true, present)).toEqual([]);
  });

  it('names the claim and the template that changed, and what is newly used or no longer', () => {
    const now: Parts = {
      ...parts,
      'claim:a/one': { hash: 'c2', files: [] },
      'template:bluf': { hash: 'corpus:partials/bluf.hbs|t2', files: [] },
      'template:footnote': { hash: 'x', files: [] },
    };
    delete now.tool;
    expect(reasonsToRedo(record, now, options, true, present)).toEqual([
      'claim a/one changed',
      'template bluf changed',
      'template footnote now used',
      'brief itself (version, packages or code) no longer used',
    ]);
  });

  it('says a new document is new, or why the last state was set aside', () => {
    expect(reasonsToRedo(undefined, parts, options, true, present)).toEqual(['new document']);
    expect(
      reasonsToRedo(undefined, parts, options, true, present, 'state.json was written by another version'),
    ).toEqual(['state.json was written by another version']);
  });

  it('redoes on --force, on another edition date given, a missing output, or a PDF never made', () => {
    expect(reasonsToRedo(record, parts, { ...options, force: true }, true, present)).toEqual(['--force']);
    expect(
      reasonsToRedo(record, parts, { ...options, editionDate: '2024-02-01', editionDateGiven: true }, true, present),
    ).toEqual(['edition date 2024-01-15 → 2024-02-01']);
    expect(reasonsToRedo(record, parts, options, true, (rel) => rel !== record.pdf!.path)).toEqual([
      'pdf/brief.team.pdf is missing or was changed',
    ]);
    expect(reasonsToRedo({ ...record, pdf: null }, parts, options, true, present)).toEqual([
      'no PDF yet (the last build made HTML only)',
    ]);
    expect(reasonsToRedo({ ...record, pdf: null }, parts, options, false, present)).toEqual([]);
  });
});
