// End to end: the conformance check on the sample corpus's PDFs as brief builds them, documents
// and a pack. The finishing pass (print/conformance.ts) makes them PDF/UA-1 and PDF/A-2b, so any
// finding is a regression; the CLI is tried on them and on a PDF broken on purpose.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConformance, type Finding } from '../../pipeline/conform/index.ts';
import { brief } from '../support/cli.ts';
import { conformingPdf } from '../support/conform-pdf.ts';
import { type SharedBuild, sharedSample } from '../support/shared-build.ts';

/** What the finishing pass over Chromium's PDF fixes, by rule (review pdf-standards-2026-12-07 §0, §1.3). */
let root: string;
let result: SharedBuild;
const findings = new Map<string, Finding[]>();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-conform-'));
  result = await sharedSample();
  for (const d of result.documents)
    findings.set(path.basename(d.pdf!), await checkConformance(await readFile(d.pdf!), { file: d.pdf! }));
  // The pack is made in a copy: the run's build of the sample is read by other files.
  await cp(result.out, path.join(root, 'out'), { recursive: true, preserveTimestamps: true });
  const pack = await brief(['pack', '--json', '--out', path.join(root, 'out'), '--audience', 'executive']);
  expect(pack.code, pack.stderr).toBe(0);
  const packPdf = (JSON.parse(pack.stdout) as { pack: { pdf: string } }).pack.pdf;
  findings.set(path.basename(packPdf), await checkConformance(await readFile(packPdf), { file: packPdf }));
}, 300_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('brief conform on the sample corpus', () => {
  it('checks every PDF of the sample, each kind for each audience, and a pack', () => {
    expect([...findings.keys()].sort()).toEqual([
      'chronology.analyst.pdf',
      'chronology.executive.pdf',
      'chronology.public.pdf',
      'corridors-connectivity.analyst.pdf',
      'corridors-connectivity.executive.pdf',
      'corridors-connectivity.public.pdf',
      'executive.pdf',
      'perspectives.analyst.pdf',
      'perspectives.executive.pdf',
      'perspectives.public.pdf',
      'tr-az-convergence.analyst.pdf',
      'tr-az-convergence.executive.pdf',
      'tr-az-convergence.public.pdf',
    ]);
  });

  it('finds nothing in any built document or pack', () => {
    expect(findings.size).toBe(13);
    for (const [file, list] of findings) expect(list, file).toEqual([]);
  });

  it('finds nothing in a PDF made with every fix', async () => {
    expect(await checkConformance(await conformingPdf(), { file: 'fixed.pdf' })).toEqual([]);
  });

  it('runs as brief conform: a folder of conforming PDFs passes; a broken one is named with page and rule, exit 1', async () => {
    const pdfDir = path.dirname(result.documents[0]!.pdf!);
    const clean = await brief(['conform', pdfDir, '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    const report = JSON.parse(clean.stdout) as { ok: boolean; files: { file: string; findings: Finding[] }[] };
    expect(report.ok).toBe(true);
    expect(report.files).toHaveLength(12);

    const broken = path.join(root, 'broken.pdf');
    await writeFile(broken, await conformingPdf('link-contents'));
    const json = await brief(['conform', broken, '--json']);
    expect(json.code).toBe(1);
    const link = (JSON.parse(json.stdout) as typeof report).files[0]!.findings.find((f) => f.rule === '28-012')!;
    expect(link).toMatchObject({ standard: 'PDF/UA-1', page: 1, object: expect.any(Number) });
    const text = await brief(['conform', broken]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/page 1, object \d+ {2}PDF\/UA-1 28-012 .*\n {2}hint: /);
  });
});
