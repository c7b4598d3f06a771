// Real processes, real signals: two builds into one out/, a build stopped half-way, and watch
// rebuilding on a save and shutting down without leaving a Chromium behind.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCorpus, copySample, tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { sharedBrowser } from '../support/options.ts';

const BIN = path.resolve('bin/brief.js');
const made: TempCorpus[] = [];
afterAll(async () => Promise.all(made.map((c) => c.remove())));

interface Run {
  readonly child: ChildProcess;
  stderr: string;
  readonly done: Promise<number | null>;
}

/** Starts the CLI; `own` makes it start its own browser instead of the suite's shared one. */
function start(args: string[], own = false): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, BRIEF_BROWSER_WS: own ? '' : (sharedBrowser() ?? '') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = {
    child,
    stderr: '',
    done: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)))),
  };
  child.stderr!.on('data', (d: Buffer) => {
    run.stderr += d.toString();
  });
  child.stdout!.resume();
  return run;
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await test())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every process below `pid`, found through the process table. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (p: number) =>
    rows
      .filter(([, ppid]) => ppid === p)
      .forEach(([child]) => {
        found.push(child);
        walk(child);
      });
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const staging = async (out: string) =>
  (await readdir(path.join(out, '.brief')).catch(() => [] as string[])).filter((e) => e.startsWith('staging-'));

async function corpus(): Promise<TempCorpus> {
  const c = await tempCorpus();
  made.push(c);
  return c;
}

/** A corpus with out/ as a build dated 2024-01-15 left it. */
async function built(): Promise<TempCorpus> {
  const c = await builtCorpus();
  made.push(c);
  return c;
}

describe('two builds at once', () => {
  it('the second waits for the first and says so; out/ ends whole', async () => {
    const c = await corpus();
    const args = ['build', '--data', c.data, '--out', c.out, '--date', '2024-01-15', '--force'];
    const a = start(args);
    await until('the first build to take out/', () => existsSync(path.join(c.out, '.brief', 'lock')));
    const b = start(args);
    expect(await a.done, a.stderr).toBe(0);
    expect(await b.done, b.stderr).toBe(0);
    expect(b.stderr).toContain('another brief run is writing to');
    const state = JSON.parse(await readFile(path.join(c.out, '.brief', 'state.json'), 'utf8')) as {
      documents: Record<string, unknown>;
    };
    expect(Object.keys(state.documents).sort()).toEqual([
      'brief.analyst',
      'brief.executive',
      'timeline.analyst',
      'views.analyst',
    ]);
    expect((await readdir(path.join(c.out, 'pdf'))).sort()).toEqual([
      'brief.analyst.pdf',
      'brief.executive.pdf',
      'timeline.analyst.pdf',
      'views.analyst.pdf',
    ]);
    expect(await staging(c.out)).toEqual([]);
    expect(existsSync(path.join(c.out, '.brief', 'lock'))).toBe(false);
  });
});

describe('a build stopped half-way', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`on ${signal}: exits, closes its browser, and leaves the earlier outputs and no staging folder`, async () => {
      const c = await built();
      const before = await readFile(path.join(c.out, 'pdf', 'brief.analyst.pdf'));
      const run = start(['build', '--data', c.data, '--out', c.out, '--date', '2024-02-20'], true);
      await until('staging to begin', async () => (await staging(c.out)).length > 0);
      await until('the browser to start', () => descendants(run.child.pid!).length > 0, 30_000).catch(() => undefined);
      const children = descendants(run.child.pid!);
      run.child.kill(signal);
      expect(await run.done).toBe(signal === 'SIGINT' ? 130 : 143);
      await until('the browser to go', () => children.every((p) => !alive(p)), 60_000);
      expect(await staging(c.out)).toEqual([]);
      expect(Buffer.compare(await readFile(path.join(c.out, 'pdf', 'brief.analyst.pdf')), before)).toBe(0);
      const again = start(['build', '--data', c.data, '--out', c.out, '--date', '2024-01-15']);
      expect(await again.done, again.stderr).toBe(0);
      expect(again.stderr).toContain('kept 4 documents');
    });
  }
});

describe('brief killed outright (kill -9)', () => {
  it('takes its Chromium with it, leaves no profile in the temp folder, and the next run sweeps the one in out/.brief', async () => {
    const c = await corpus();
    const tmp = path.join(c.root, 'tmp');
    await mkdir(tmp);
    const args = ['build', '--data', c.data, '--out', c.out, '--date', '2024-02-20'];
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, BRIEF_BROWSER_WS: '', TMPDIR: tmp },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until('its Chromium', () => descendants(child.pid!).length > 0, 90_000);
    const chromium = descendants(child.pid!);
    child.kill('SIGKILL');
    await exited;
    await until('its Chromium to go with it', () => chromium.every((p) => !alive(p)), 60_000);
    expect((await readdir(tmp)).filter((e) => e.startsWith('puppeteer'))).toEqual([]);
    const profiles = async () => (await readdir(path.join(c.out, '.brief'))).filter((e) => e.startsWith('chromium-'));
    expect(await profiles()).toHaveLength(1);
    const again = start(args, true);
    expect(await again.done, again.stderr).toBe(0);
    expect(await profiles()).toEqual([]);
  });
});

describe('a build started through npx, and npx stopped', () => {
  it('stops too: npx exits on SIGTERM without passing it on, and its child must not go on writing out/', async () => {
    const c = await built();
    const before = await readFile(path.join(c.out, 'pdf', 'brief.analyst.pdf'));
    const npx = spawn('npx', ['brief', 'build', '--data', c.data, '--out', c.out, '--date', '2024-02-20'], {
      cwd: path.dirname(path.dirname(BIN)),
      env: { ...process.env, BRIEF_BROWSER_WS: '' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => npx.on('exit', resolve));
    await until('staging to begin', async () => (await staging(c.out)).length > 0);
    const below = descendants(npx.pid!);
    expect(below.length).toBeGreaterThan(0);
    npx.kill('SIGTERM');
    await exited;
    // brief, and the Chromium it started, end within seconds, leaving no staging and the earlier outputs.
    await until('every process npx started to end', () => below.every((p) => !alive(p)), 60_000);
    expect(await staging(c.out)).toEqual([]);
    expect(Buffer.compare(await readFile(path.join(c.out, 'pdf', 'brief.analyst.pdf')), before)).toBe(0);
  });
});

describe('Chromium killed in the middle of a build', () => {
  it('exits 3, names the documents not printed, writes no partial output, and the next build succeeds', async () => {
    // The sample's analyst documents (the longest, 4 of them): long enough to print that the kill
    // lands in the middle, and a third of the time of all twelve.
    const c = await corpus();
    await rm(c.data, { recursive: true, force: true });
    await copySample(c.root, c.data);
    const args = (date: string) => ['build', '--data', c.data, '--out', c.out, '--date', date, '--audience', 'analyst'];
    // The earlier output the kill must leave as it was: the chronology alone is enough to compare.
    const first = start([...args('2024-01-15'), '--report', 'chronology']);
    expect(await first.done, first.stderr).toBe(0);
    const before = await readFile(path.join(c.out, 'pdf', 'chronology.analyst.pdf'));
    // --verbose: a line at the start of each stage, so the test sees printing begin.
    const run = start([...args('2024-02-20'), '--verbose'], true);
    // Killed while it prints: the browser has started (it has a renderer) and the first of the
    // four documents is printed, so the others are still to print.
    await until(
      'the browser to start',
      () => {
        const table = execFileSync('ps', ['-e', '-o', 'pid=,args=']).toString();
        const below = new Set(descendants(run.child.pid!));
        return table
          .split('\n')
          .some((l) => below.has(Number(l.trim().split(/\s+/)[0])) && l.includes('--type=renderer'));
      },
      60_000,
    );
    await until('the first document to be printed', () => /^\s*[\d.]+ s\s+print$/m.test(run.stderr), 60_000);
    for (const pid of descendants(run.child.pid!)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
    expect(await run.done, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/the browser died while printing; not printed: [a-z-]+\.[a-z]+/);
    // Every document is named, those not rendered yet too (R25c: they were "document 4", "document 5", …).
    expect(run.stderr).not.toMatch(/not printed:.*\bdocument \d/);
    expect(Buffer.compare(await readFile(path.join(c.out, 'pdf', 'chronology.analyst.pdf')), before)).toBe(0);
    expect(await staging(c.out)).toEqual([]);
    const again = start(args('2024-02-20'), true);
    expect(await again.done, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/[1-9] built/);
  });
});

describe('brief watch', () => {
  it('rebuilds what a save affects, reports a located error and keeps watching, and exits 0 on SIGTERM leaving no Chromium', async () => {
    const c = await corpus();
    const run = start(['watch', '--data', c.data, '--out', c.out, '--report', 'brief'], true);
    await until('the first build and the watcher', () => run.stderr.includes('watching'), 90_000);
    const children = descendants(run.child.pid!);
    expect(children.length).toBeGreaterThan(0); // its own Chromium

    const claims = path.join(c.data, 'claims', 'beta-2022.yaml');
    const text = await readFile(claims, 'utf8');
    await writeFile(claims, text.replace('    type: assessment\n', '    type: [assessment\n'));
    await until('the error', () => /E_YAML_SYNTAX/.test(run.stderr), 60_000);
    expect(run.stderr).toContain('Watching for a fix');
    const mark = run.stderr.length;
    await writeFile(
      claims,
      text.replace('    type: reported-speech\n', '    type: reported-speech\n    locator: p. 99\n'),
    );
    await until('the rebuild', () => /rebuilt brief\.(analyst|executive)/.test(run.stderr.slice(mark)), 60_000);
    expect(run.stderr.slice(mark)).toContain('claim beta-2022/not-aimed changed');

    run.child.kill('SIGTERM');
    expect(await run.done, run.stderr).toBe(0);
    await until('the browser to go', () => children.every((p) => !alive(p)), 60_000);
    expect(await staging(c.out)).toEqual([]);
  });

  it('goes on watching when a corpus file is replaced by a folder, saying so at the file', async () => {
    const c = await corpus();
    const run = start(['watch', '--html', '--data', c.data, '--out', c.out, '--report', 'brief']);
    await until('the first build and the watcher', () => run.stderr.includes('watching'), 90_000);
    const file = path.join(c.data, 'audiences.yaml');
    const text = await readFile(file, 'utf8');
    await rm(file);
    await mkdir(file);
    await until('the error', () => /audiences\.yaml is a folder, not a file/.test(run.stderr), 60_000);
    expect(run.stderr).toMatch(/audiences\.yaml:1:1 {2}E_NOT_A_FILE/);
    expect(run.stderr).not.toContain('internal error');
    const mark = run.stderr.length;
    await rm(file, { recursive: true });
    await writeFile(file, text);
    await until('the rebuild', () => /rebuilt|nothing to redo|changed: /.test(run.stderr.slice(mark)), 60_000).catch(
      (err: Error) => {
        throw new Error(`${err.message}\n${run.stderr}`);
      },
    );
    expect(run.child.exitCode).toBe(null);
    run.child.kill('SIGTERM');
    expect(await run.done, run.stderr).toBe(0);
  });
});
