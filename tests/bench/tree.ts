// Benchmark: which brief is measured. By default the working tree as it stands. With
// BENCH_REF=<commit> (e.g. HEAD), a snapshot of that commit (`git archive`) in a temporary folder,
// sharing this checkout's node_modules: a stable subject when others are editing the working
// tree (every change under pipeline/ would otherwise make brief redo every document).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Subject {
  /** The project folder whose bin/brief.js and data/ are used. */
  dir: string;
  bin: string;
  /** Said in the output: the commit, and whether the working tree had changes. */
  describe: string;
  cleanup: () => void;
}

const git = (args: string[], cwd = process.cwd()) => {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

export function subject(ref = process.env.BENCH_REF): Subject {
  if (!ref) {
    const head = git(['rev-parse', '--short', 'HEAD']);
    const dirty =
      git([
        'status',
        '--porcelain',
        '--',
        'pipeline',
        'templates',
        'styles',
        'bin',
        'scripts',
        'package.json',
        'package-lock.json',
      ]) !== '';
    return {
      dir: process.cwd(),
      bin: path.resolve('bin/brief.js'),
      describe: `working tree${head ? ` at ${head}` : ''}${dirty ? ', with uncommitted changes to brief' : ''}`,
      cleanup: () => undefined,
    };
  }
  const commit = git(['rev-parse', '--verify', `${ref}^{commit}`]);
  if (!commit) throw new Error(`BENCH_REF=${ref} names no commit`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brief-bench-tree-'));
  const tar = path.join(dir, '.tree.tar');
  execFileSync('git', ['archive', '--format=tar', '-o', tar, commit]);
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  rmSync(tar);
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/compile.mjs'], { cwd: dir, stdio: 'ignore' });
  return {
    dir,
    bin: path.join(dir, 'bin', 'brief.js'),
    describe: `commit ${commit.slice(0, 7)} (BENCH_REF=${ref})`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
