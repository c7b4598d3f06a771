// The stages depend one way: a stage imports code only from core/ and config/ (and itself),
// types only from stages to its left; run/ is the one place that calls stages; commands/ (one thin
// file per command) call run/ and the stages; nothing imports a command but the CLI's table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'zx';
import { describe, expect, it } from 'vitest';

const ORDER = ['load', 'capture', 'validate', 'model', 'anchor', 'select', 'chart', 'render', 'print', 'archive', 'run'];
const SHARED = ['core', 'config', 'types'];

function imports(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) => ({
    target: path.relative('pipeline', path.resolve(path.dirname(file), m[3]!)).split(path.sep)[0]!,
    typeOnly: Boolean(m[2]) || /^(import|export)\s+type\s/.test(m[0]),
  }));
}

describe('architecture', () => {
  const files = glob.sync('pipeline/**/*.ts').sort();

  it('finds the stage folders', () => {
    for (const stage of ['load', 'capture', 'validate', 'model', 'anchor', 'select', 'chart', 'render', 'print']) {
      expect(files.some((f) => f.startsWith(`pipeline/${stage}/index.ts`)), stage).toBe(true);
    }
    for (const command of ['check', 'build', 'watch']) {
      expect(files, command).toContain(`pipeline/run/${command}.ts`);
    }
  });

  it('imports only one way', () => {
    const problems: string[] = [];
    for (const file of files) {
      const own = path.relative('pipeline', file).split(path.sep)[0]!;
      for (const { target, typeOnly } of imports(file)) {
        if (target === own || SHARED.includes(target)) continue;
        if (target === 'commands' && own !== 'cli.ts') problems.push(`${file}: ${own} imports a command; only the CLI's table does`);
        else if (SHARED.includes(own)) problems.push(`${file}: shared code imports stage ${target}`);
        else if (own === 'cli.ts') {
          if (target !== 'run' && target !== 'commands') problems.push(`${file}: the CLI calls commands and run only, not ${target}`);
        } else if (own === 'run' || own === 'commands') continue;
        else if (ORDER.indexOf(target) >= ORDER.indexOf(own)) problems.push(`${file}: ${own} imports ${target}, which comes after it`);
        else if (!typeOnly) problems.push(`${file}: ${own} imports code (not only types) from ${target}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps files small', () => {
    const long = files.filter((f) => readFileSync(f, 'utf8').split('\n').length > 300);
    expect(long).toEqual([]);
  });
});
