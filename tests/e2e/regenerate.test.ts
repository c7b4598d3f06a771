// Regeneration is exact: after one edit, the documents that depend on it are redone and no others,
// and a document whose HTML would change is never kept. Checked on a copy of the sample corpus,
// with the expected documents found from the outputs and the corpus files, not from fingerprints.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument, isScalar, visit } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../../pipeline/config/options.ts';
import { InputError } from '../../pipeline/core/diagnostics.ts';
import type { BuildResult } from '../../pipeline/run/build.ts';
import { build } from '../support/build.ts';
import { optionsFor } from '../support/options.ts';

const TEXTS = path.resolve('..', 'shared', 'sources');
let root: string;
let options: RunOptions;

const file = (rel: string) => path.join(root, rel);
const redone = (r: BuildResult) =>
  r.documents
    .filter((d) => d.status === 'built')
    .map((d) => `${d.report}.${d.audience}`)
    .sort();
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

/** Each document's HTML as it stands in `out`. */
async function htmlOf(out: string): Promise<Map<string, string>> {
  const dir = path.join(out, 'html');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.html'));
  return new Map(
    await Promise.all(
      names.map(async (n) => [n.replace(/\.html$/, ''), await readFile(path.join(dir, n), 'utf8')] as const),
    ),
  );
}

/** Reports whose charts draw a dataset with a row that names claim `id` as its evidence. */
async function reportsDrawingRowsOf(id: string): Promise<Set<string>> {
  const datasets = new Set<string>();
  for (const n of await readdir(file('data/datasets'))) {
    if (n.endsWith('.csv') && (await readFile(file(`data/datasets/${n}`), 'utf8')).includes(id))
      datasets.add(n.replace(/\.csv$/, ''));
  }
  const charts = new Set<string>();
  for (const n of await readdir(file('data/charts'))) {
    const spec = JSON.parse(await readFile(file(`data/charts/${n}`), 'utf8')) as { data: { name: string } };
    if (datasets.has(spec.data.name)) charts.add(n.replace(/\.json$/, ''));
  }
  const reports = new Set<string>();
  for (const n of await readdir(file('data/reports'))) {
    const list = /^charts: \[(.*)\]$/m.exec(await readFile(file(`data/reports/${n}`), 'utf8'))?.[1] ?? '';
    if (list.split(',').some((c) => charts.has(c.trim()))) reports.add(n.replace(/\.md$/, ''));
  }
  return reports;
}

/** Edits one claim's field in place, keeping the file's layout. */
async function editClaim(id: string, field: string, value: string): Promise<void> {
  const rel = `data/claims/${id.split('/')[0]}.yaml`;
  const doc = parseDocument(await readFile(file(rel), 'utf8'));
  const claims = doc.get('claims') as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  const claim = claims.items.find((c) => c.get('id') === id)!;
  claim.set(field, value);
  await writeFile(file(rel), doc.toString({ lineWidth: 0 }));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-regen-'));
  for (const dir of ['data', 'templates', 'styles']) await cp(path.resolve(dir), file(dir), { recursive: true });
  options = optionsFor(file('data'), file('out'), {
    templatesDir: file('templates'),
    stylesDir: file('styles'),
    htmlOnly: true,
    allowUnverified: true,
    textDirs: existsSync(TEXTS) ? [TEXTS] : [],
  });
  const first = await build(options);
  // Four reports, none naming its audiences: each goes to all three (executive, analyst, public).
  expect(redone(first)).toHaveLength(12);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('regeneration', () => {
  it('keeps everything when nothing changed, without parsing (the shortcut)', async () => {
    const again = await build(options);
    expect(redone(again)).toEqual([]);
    expect(again.documents).toHaveLength(12);
  });

  it('redoes exactly the documents that cite an edited claim, in the body, a judgment, an event or a dataset row', async () => {
    const reports = await Promise.all(
      (await readdir(file('data/reports'))).map(async (n) => ({
        id: n.replace(/\.md$/, ''),
        text: await readFile(file(`data/reports/${n}`), 'utf8'),
      })),
    );
    const events = (
      await Promise.all((await readdir(file('data/events'))).map((n) => readFile(file(`data/events/${n}`), 'utf8')))
    ).join('\n');
    const csv = await readFile(file('data/datasets/forces-and-arms.csv'), 'utf8');
    const bodyOnly = /\[@(alizadeh-abbasi-2025\/[a-z0-9-]+)\]/.exec(
      reports.find((r) => r.id === 'corridors-connectivity')!.text,
    )![1]!;
    const inEvent = /evidence: \[(topchubashov-2023\/[a-z0-9-]+)/.exec(events)![1]!;
    const inRow = csv.split('\n')[1]!.split(',').pop()!.trim();
    const inJudgment = /evidence:\n\s+- ([a-z0-9-]+\/[a-z0-9-]+)/.exec(
      reports.find((r) => r.id === 'tr-az-convergence')!.text,
    )![1]!;
    for (const id of [bodyOnly, inJudgment, inEvent, inRow]) {
      const before = await htmlOf(options.outDir);
      const claims = parseDocument(await readFile(file(`data/claims/${id.split('/')[0]}.yaml`), 'utf8')).toJS() as {
        claims: { id: string; quote: string }[];
      };
      // A stretch of the quote that HTML escaping leaves as it is.
      const quote = claims.claims
        .find((c) => c.id === id)!
        .quote.split(/[^A-Za-z ]+/)
        .sort((a, b) => b.length - a.length)[0]!;
      // Cited in the text of the document, or by a row of a dataset its charts draw.
      const viaCharts = await reportsDrawingRowsOf(id);
      // (An audience without notes prints no claim's quote or locator, so a row's evidence does not reach it.)
      const expected = [...before]
        .filter(
          ([name, html]) =>
            html.includes(quote) || (viaCharts.has(name.split('.')[0]!) && html.includes('class="notes"')),
        )
        .map(([name]) => name)
        .sort();
      expect(expected.length, id).toBeGreaterThan(0);
      await editClaim(id, 'locator', `edited locator for ${id}`);
      const result = await build(options);
      expect(redone(result), id).toEqual(expected);
      for (const d of result.documents.filter((x) => x.status === 'built'))
        expect(d.reasons.join(' '), id).toContain(`claim ${id} changed`);
    }
  });

  it('redoes only the documents whose templates use an edited partial', async () => {
    const before = await htmlOf(options.outDir);
    // Only policy briefs print key judgments: the judgments partial is theirs alone.
    const expected = [...before]
      .filter(([, html]) => html.includes('class="judgments"'))
      .map(([n]) => n)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(12);
    await writeFile(
      file('templates/partials/judgments.hbs'),
      `${await readFile(file('templates/partials/judgments.hbs'), 'utf8')}<!-- judgments edited -->\n`,
    );
    const result = await build(options);
    expect(redone(result)).toEqual(expected);
    expect(result.documents.find((d) => d.status === 'built')!.reasons).toContain('template judgments changed');
  });

  it("redoes only one audience's documents when its stylesheet changes", async () => {
    await writeFile(
      file('styles/audiences/executive.css'),
      `${await readFile(file('styles/audiences/executive.css'), 'utf8')}\n/* edited */\n`,
    );
    const result = await build(options);
    expect(redone(result)).toEqual([
      'chronology.executive',
      'corridors-connectivity.executive',
      'perspectives.executive',
      'tr-az-convergence.executive',
    ]);
  });

  it('redoes only the documents whose charts draw an edited dataset', async () => {
    const charts = (await readdir(file('data/charts'))).filter(async () => true);
    const using = new Set<string>();
    for (const c of charts)
      if ((await readFile(file(`data/charts/${c}`), 'utf8')).includes('"name": "economic-figures"'))
        using.add(c.replace(/\.json$/, ''));
    // The documents that draw one of those charts (an audience may draw fewer charts than its report names).
    const before = await htmlOf(options.outDir);
    const expected = [...before]
      .filter(([, html]) => [...using].some((c) => html.includes(`id="chart-${c}"`)))
      .map(([name]) => name);
    expect(expected.length).toBeGreaterThan(0);
    const csvFile = file('data/datasets/economic-figures.csv');
    const lines = (await readFile(csvFile, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace(/,(\d+),/, (_, n: string) => `,${Number(n) + 1},`);
    await writeFile(csvFile, lines.join('\n'));
    const result = await build(options);
    expect(redone(result)).toEqual(expected.sort());
  });

  it('redoes the documents that show a source whose title changed', async () => {
    const rel = 'data/sources/mammadov-2023.md';
    const text = await readFile(file(rel), 'utf8');
    const title = /^title: (.*)$/m.exec(text)![1]!.replace(/^"|"$/g, '');
    const before = await htmlOf(options.outDir);
    const expected = [...before]
      .filter(([, html]) => html.includes(escapeHtml(title)))
      .map(([n]) => n)
      .sort();
    await writeFile(file(rel), text.replace(/^title: .*$/m, `title: "${title} (revised)"`));
    const result = await build(options);
    expect(redone(result)).toEqual(expected);
    expect(result.documents.find((d) => d.status === 'built')!.reasons).toContain('source mammadov-2023 changed');
  });

  it('never keeps a document whose HTML would change, and redoes only documents that depend on the edited file (random edits)', async () => {
    const fresh = file('fresh');
    const candidates = async () => {
      const all: string[] = [];
      for (const dir of ['data', 'templates', 'styles']) {
        for (const e of await readdir(file(dir), { recursive: true, withFileTypes: true })) {
          const rel = path.relative(root, path.join(e.parentPath, e.name));
          if (e.isFile() && !rel.includes('sources/text') && !rel.endsWith('.lock')) all.push(rel);
        }
      }
      return all.sort();
    };
    const files = await candidates();
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (fileIndex, where) => {
        const rel = files[fileIndex % files.length]!;
        const original = await readFile(file(rel), 'utf8');
        await writeFile(file(rel), mutate(rel, original, where));
        let incremental: BuildResult;
        try {
          incremental = await build(options);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          await writeFile(file(rel), original); // the edit made the corpus invalid: not this test's concern
          await build(options);
          return;
        }
        applied++;
        await rm(fresh, { recursive: true, force: true });
        await build({ ...options, outDir: fresh, force: true });
        const now = await htmlOf(options.outDir);
        const truth = await htmlOf(fresh);
        const state = JSON.parse(await readFile(path.join(options.outDir, '.brief', 'state.json'), 'utf8')) as {
          documents: Record<string, { files: string[] }>;
        };
        for (const d of incremental.documents) {
          const name = `${d.report}.${d.audience}`;
          if (d.status === 'kept') expect(now.get(name), `${rel}: ${name} kept but stale`).toBe(truth.get(name));
          else if (!d.reasons.includes('new document'))
            expect(state.documents[name]!.files, `${rel}: ${name} redone (${d.reasons.join('; ')})`).toContain(
              file(rel),
            );
        }
      }),
      { numRuns: 10, seed: 20261202 },
    );
    expect(applied).toBeGreaterThan(3);
    // 20 builds of the sample: about 25 s alone, several times that beside the other PDF tests on 2 cores.
  }, 300_000);
});

/** A small edit that keeps most files valid: a changed scalar, an extra word or comment. */
function mutate(rel: string, text: string, where: number): string {
  if (rel.endsWith('.css')) return `${text}\n/* edit ${where} */ .x${where} { color: red; }\n`;
  if (rel.endsWith('.hbs')) return `${text}<!-- edit ${where} -->\n`;
  if (rel.endsWith('.csv')) {
    const lines = text.split('\n');
    const i = 1 + (where % Math.max(1, lines.length - 2));
    lines[i] = lines[i]!.replace(/,(\d+)(,|$)/, (_, n: string, end: string) => `,${Number(n) + 1}${end}`);
    return lines.join('\n');
  }
  if (rel.endsWith('.md')) return `${text.trimEnd()}\n\nAn added sentence ${where}.\n`;
  if (rel.endsWith('.yaml') || rel.endsWith('.json')) {
    const doc = parseDocument(text);
    const scalars: { value: unknown }[] = [];
    visit(doc, {
      Scalar(key, node) {
        if (key === 'value' && isScalar(node) && typeof node.value === 'string' && node.value.length > 12)
          scalars.push(node);
      },
    });
    if (scalars.length === 0) return text;
    const node = scalars[where % scalars.length]!;
    node.value = `${String(node.value)} edited`;
    return rel.endsWith('.json') ? JSON.stringify(doc.toJS(), null, 2) : doc.toString({ lineWidth: 0 });
  }
  return `${text}\n`;
}
