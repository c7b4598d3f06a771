// core: the catalog of diagnostic codes is the one list: every code the pipeline writes is in it,
// and the README's table of errors lists exactly its codes.
import { readFileSync } from 'node:fs';
import { glob } from 'zx';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../../pipeline/core/codes.ts';
import { diagnostic, sortDiagnostics } from '../../../pipeline/core/diagnostics.ts';

const catalog = Object.keys(CODES).sort();

describe('diagnostic codes', () => {
  it('are all in the catalog, wherever the pipeline writes one', () => {
    const used = new Set(
      glob
        .sync('pipeline/**/*.ts')
        .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'([EW]_[A-Z0-9_]+)'/g)].map((m) => m[1]!)),
    );
    expect([...used].filter((c) => !(c in CODES))).toEqual([]);
    expect(catalog.filter((c) => !used.has(c))).toEqual([]);
  });

  it('are the codes the README lists under "Errors", no more and no fewer', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(
      readme.indexOf('\n## Errors'),
      readme.indexOf('\n## ', readme.indexOf('\n## Errors') + 5),
    );
    const listed = [
      ...new Set(
        [...section.matchAll(/^\|[^\n]*$/gm)].flatMap((row) =>
          [...row[0].matchAll(/`([EW]_[A-Z0-9_]+)`/g)].map((m) => m[1]!),
        ),
      ),
    ].sort();
    expect(listed).toEqual(catalog);
  });

  it('put causes first: a file that does not parse before the references to it', () => {
    const at = (file: string, line: number) => ({ file, line, column: 1 });
    const sorted = sortDiagnostics([
      diagnostic(at('a/reports/x.md', 3), 'E_UNKNOWN_CLAIM', 'm', 'h'),
      diagnostic(at('z/claims/y.yaml', 9), 'E_YAML_SYNTAX', 'm', 'h'),
      diagnostic(at('a/reports/x.md', 1), 'E_MISSING_PART', 'm', 'h'),
    ]);
    expect(sorted.map((d) => d.code)).toEqual(['E_YAML_SYNTAX', 'E_UNKNOWN_CLAIM', 'E_MISSING_PART']);
  });
});
