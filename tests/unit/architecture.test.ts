// The stages depend one way: a stage imports code only from core/ and config/ (and itself),
// types only from stages to its left; run/ is the orchestrator that calls stages, and holds no
// command; a feature folder (pack/, edition/, service/) may import run/ and the stages, never the
// other way; commands/ (one thin file per command) call the features, run/ and the stages; no
// command imports another, and nothing imports a command but the CLI's table (commands/index.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'zx';
import { describe, expect, it } from 'vitest';

const ORDER = [
  'load',
  'capture',
  'validate',
  'model',
  'anchor',
  'select',
  'chart',
  'render',
  'print',
  'conform',
  'archive',
  'run',
];
const SHARED = ['core', 'config', 'types'];
/** Folders of a feature that grew its own logic: they come after run/ and before commands/. */
const FEATURES = ['pack', 'edition', 'service'];
const TABLE = 'pipeline/commands/index.ts';
const SPLITTING: string[] = [];

interface Import {
  readonly file: string;
  readonly target: string;
  readonly typeOnly: boolean;
  readonly dynamic: boolean;
}

/** Static imports and re-exports, and dynamic `import('…')` calls (code, never only types). */
function imports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const of = (spec: string) => {
    const resolved = path
      .relative('.', path.resolve(path.dirname(file), spec))
      .split(path.sep)
      .join('/');
    return { file: resolved, target: path.relative('pipeline', resolved).split(/[/\\]/)[0]! };
  };
  const fixed = [...text.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) => ({
    ...of(m[3]!),
    typeOnly: Boolean(m[2]) || /^(import|export)\s+type\s/.test(m[0]),
    dynamic: false,
  }));
  const dynamic = [...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)].map((m) => ({
    ...of(m[1]!),
    typeOnly: false,
    dynamic: true,
  }));
  return [...fixed, ...dynamic];
}

/** The command modules: the files the table's `load: () => import('…')` calls name. */
const commandFiles = () =>
  new Set(
    imports(TABLE)
      .filter((i) => i.dynamic)
      .map((i) => i.file),
  );

describe('architecture', () => {
  const files = glob.sync('pipeline/**/*.ts').sort();

  it('finds the stage folders', () => {
    for (const stage of ['load', 'capture', 'validate', 'model', 'anchor', 'select', 'chart', 'render', 'print']) {
      expect(
        files.some((f) => f.startsWith(`pipeline/${stage}/index.ts`)),
        stage,
      ).toBe(true);
    }
    for (const work of ['check', 'build', 'watch']) {
      expect(files, work).toContain(`pipeline/run/${work}.ts`);
    }
  });

  it('reads dynamic imports too', () => {
    expect(imports(TABLE).filter((i) => i.dynamic).length).toBeGreaterThan(10);
  });

  it('finds every command of the table in commands/, one file each', () => {
    const commands = commandFiles();
    expect(commands.size).toBeGreaterThan(10);
    for (const file of commands) {
      expect(path.dirname(file), file).toBe('pipeline/commands');
      expect(files, file).toContain(file);
      expect(readFileSync(file, 'utf8'), file).toMatch(/^export async function main\(/m);
    }
  });

  it('holds no command main in run/', () => {
    const mains = files.filter(
      (f) =>
        f.startsWith('pipeline/run/') &&
        /^export\s+(async\s+function\s+main\b|(const|let)\s+main\b|\{[^}]*\bmain\b)/m.test(readFileSync(f, 'utf8')),
    );
    expect(mains).toEqual([]);
  });

  it("lets no command import another, and only the CLI's table import a command", () => {
    const commands = commandFiles();
    const problems: string[] = [];
    for (const file of files) {
      for (const i of imports(file)) {
        if (!commands.has(i.file) || file === TABLE) continue;
        problems.push(
          commands.has(file)
            ? `${file}: a command imports another command, ${i.file}`
            : `${file}: imports the command ${i.file}; only ${TABLE} does`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('imports only one way', () => {
    const problems: string[] = [];
    for (const file of files) {
      const own = path.relative('pipeline', file).split(path.sep)[0]!;
      for (const { target, typeOnly } of imports(file)) {
        if (target === own || SHARED.includes(target)) continue;
        if (target === 'commands' && own !== 'cli.ts')
          problems.push(`${file}: ${own} imports a command; only the CLI's table does`);
        else if (SHARED.includes(own)) problems.push(`${file}: shared code imports stage ${target}`);
        else if (own === 'cli.ts') {
          if (target !== 'run' && target !== 'commands')
            problems.push(`${file}: the CLI calls commands and run only, not ${target}`);
        } else if (own === 'commands' || FEATURES.includes(own)) continue;
        else if (FEATURES.includes(target))
          problems.push(
            `${file}: ${own} imports the feature ${target}; a feature imports run/ and the stages, not the other way`,
          );
        else if (own === 'run') continue;
        else if (ORDER.indexOf(target) >= ORDER.indexOf(own))
          problems.push(`${file}: ${own} imports ${target}, which comes after it`);
        else if (!typeOnly) problems.push(`${file}: ${own} imports code (not only types) from ${target}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps files small, counted as formatted', () => {
    // Files that grew past the cap when the formatter first ran, each being split; the list only shrinks.
    const splitting = new Set<string>(SPLITTING);
    const long = files.filter((f) => readFileSync(f, 'utf8').split('\n').length > 300 && !splitting.has(f));
    expect(long).toEqual([]);
    expect([...splitting].filter((f) => readFileSync(f, 'utf8').split('\n').length <= 300)).toEqual([]);
  });
});
