import { describe, expect, it } from 'vitest';
import { parseCsvTable, parseMarkdown, parseYaml } from '../../../pipeline/load/parse-files.ts';
import { locate } from '../../../pipeline/core/yaml-positions.ts';

describe('load: YAML with positions', () => {
  it('keeps dates as strings and locates values 1-based', () => {
    const src = parseYaml('x.yaml', 'a:\n  date: 2021-06-15\n  list: [1, 2]\n').value!;
    expect(src.doc.toJS().a.date).toBe('2021-06-15');
    expect(locate(src, ['a', 'date'])).toEqual({ file: 'x.yaml', line: 2, column: 9 });
    expect(locate(src, ['a', 'date'], { key: true })).toEqual({ file: 'x.yaml', line: 2, column: 3 });
    expect(locate(src, ['a', 'list', 1])).toEqual({ file: 'x.yaml', line: 3, column: 13 });
  });
  it('reports a syntax error with its line and a hint', () => {
    const { value, diagnostics } = parseYaml('bad.yaml', 'claims:\n  - id: a\n   quote: [unclosed\n');
    expect(value).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ file: 'bad.yaml', code: 'E_YAML_SYNTAX' });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });
  it('reports a duplicate key where the second one is', () => {
    const { diagnostics } = parseYaml('dup.yaml', 'id: a\ntitle: x\nid: b\n');
    expect(diagnostics[0]).toMatchObject({ code: 'E_YAML_SYNTAX', line: 3 });
  });
});

describe('load: front matter', () => {
  it('offsets front-matter positions by the opening --- and finds the body line', () => {
    const md = parseMarkdown('r.md', '---\nkind: chronology\ntitle: T\n---\n## Overview\n\nText [@a/b].\n').value!;
    expect(locate(md.frontMatter, ['title'])).toMatchObject({ line: 3, column: 8 });
    expect(md.bodyLine).toBe(5);
    expect(md.body.startsWith('## Overview')).toBe(true);
  });
  it('does not share results between calls with the same text (gray-matter cache)', () => {
    const a = parseMarkdown('a.md', '---\nid: x\n---\nbody\n').value!;
    const b = parseMarkdown('b.md', '---\nid: x\n---\nbody\n').value!;
    expect(a.frontMatter).not.toBe(b.frontMatter);
    expect(b.frontMatter.file).toBe('b.md');
  });
  it('requires front matter', () => {
    expect(parseMarkdown('n.md', '# no front matter\n').diagnostics[0]).toMatchObject({
      code: 'E_NO_FRONT_MATTER',
      line: 1,
    });
  });
});

describe('load: CSV', () => {
  it('keeps the line of each row', () => {
    const t = parseCsvTable('d.csv', 'date,n\n2021,1\n\n2022,"2"\n').value!;
    expect(t.columns).toEqual(['date', 'n']);
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(t.rows[1]!.columns).toEqual({ date: 1, n: 6 });
  });
  it('finds where each cell starts, quoted commas included', () => {
    const t = parseCsvTable('d.csv', 'a,b,c\n"x, y",22,z\n').value!;
    expect(t.rows[0]!.columns).toEqual({ a: 1, b: 8, c: 11 });
  });
  it('locates a ragged row', () => {
    const { diagnostics } = parseCsvTable('d.csv', 'a,b\n1,2\n3,4,5\n');
    expect(diagnostics[0]).toMatchObject({ code: 'E_CSV_SYNTAX', line: 3 });
  });
});
