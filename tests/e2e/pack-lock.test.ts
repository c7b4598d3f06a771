// A pack holds out/ from its build to its print: a `brief build` into the same out/ started while
// the pack is building waits for the whole pack, so the pack prints the documents its own build
// made and fingerprinted, never ones another run wrote in between.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.ts';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { sharedBrowser } from '../support/options.ts';
import { pdfText } from '../support/pdf.ts';
import { until } from '../support/until.ts';

const made: TempCorpus[] = [];
afterAll(async () => Promise.all(made.map((c) => c.remove())));

function start(args: string[]): { stdout: string; stderr: string; done: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, BRIEF_BROWSER_WS: sharedBrowser() ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = {
    stdout: '',
    stderr: '',
    done: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stdout.on('data', (d: Buffer) => {
    run.stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    run.stderr += d.toString();
  });
  return run;
}

const flat = (t: string) => t.replace(/\s+/g, ' ');
const OLD = 'Iran fears encirclement and held its own exercises.';
const NEW = 'Iran fears encirclement and staged drills of its own.';
// Short enough not to wrap in the PDF's columns.
const [OLD_WORDS, NEW_WORDS] = ['held its own', 'staged drills'];

describe('brief pack and a brief build into the same out/', () => {
  it('the build waits for the whole pack: the pack prints the documents its own build made', async () => {
    const c = await tempCorpus();
    made.push(c);
    const common = ['--data', c.data, '--out', c.out, '--audience', 'analyst', '--date', '2024-01-15'];
    const pack = start(['pack', '--json', '--pack', 'weekly', ...common]);
    // The pack's build has read the corpus and is writing its documents (its staging folder is there).
    const brief = path.join(c.out, '.brief');
    await until(
      "the pack's build to write its documents",
      () => existsSync(brief) && readdirSync(brief).some((e) => e.startsWith('staging-')),
      120_000,
    );
    const claim = path.join(c.data, 'claims', 'beta-2022.yaml');
    const text = await readFile(claim, 'utf8');
    expect(text).toContain(OLD);
    await writeFile(claim, text.replace(OLD, NEW));
    const build = start(['build', ...common]);

    expect(await pack.done, pack.stderr).toBe(0);
    expect(await build.done, build.stderr).toBe(0);
    expect(build.stderr).toContain('another brief run is writing to');
    const pdf = JSON.parse(pack.stdout).pack.pdf as string;
    const printed = flat(await pdfText(pdf));
    expect(printed).toContain(OLD_WORDS);
    expect(printed).not.toContain(NEW_WORDS);
    // Nothing the build wrote was written before the pack was: it waited for the print, not only the pack's build.
    const html = path.join(c.out, 'html', 'views.analyst.html');
    expect(await readFile(html, 'utf8')).toContain(NEW);
    expect(statSync(html).mtimeMs).toBeGreaterThanOrEqual(statSync(pdf).mtimeMs);
    // The pack knows its documents are stale now, and remakes itself from the build's.
    const again = start(['pack', '--json', '--pack', 'weekly', ...common]);
    expect(await again.done, again.stderr).toBe(0);
    const remade = JSON.parse(again.stdout).pack;
    expect(remade.status).toBe('built');
    expect(flat(await pdfText(remade.pdf))).toContain(NEW_WORDS);
  }, 300_000);
});
