// edition: an archived edition built again from its own snapshot (its corpus, templates, styles and
// texts, laid out from the store), its evidence attached again, and its PDFs compared with the archived
// ones byte for byte: a signed edition's PDFs as they were before their signature was appended.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { listEditions } from '../archive/manifest.ts';
import { restore, sha256 } from '../archive/store.ts';
import type { RunOptions } from '../config/options.ts';
import { BrowserSession } from '../print/session.ts';
import { buildDocuments } from '../run/build.ts';
import { makePack } from '../pack/pack.ts';
import { stateDir } from '../run/staging.ts';
import { attachEvidence, type SealTarget } from './evidence.ts';

export async function rebuildEdition(
  options: RunOptions,
  archive: string,
  id: string,
  progress: (m: string) => void,
): Promise<{ same: boolean; differing: string[] }> {
  const edition = (await listEditions(archive, sha256)).find((e) => e.id === id);
  if (!edition?.manifest) throw new Error(`edition ${id} has no readable manifest`);
  const m = edition.manifest;
  const work = await mkdtemp(path.join(stateDir(archive), 'rebuild-'));
  const session = new BrowserSession(options.browser, stateDir(archive));
  try {
    await restore(archive, m.inputs, work);
    // The corpus's layers where the edition had them; else the built-ins served as the corpus's too
    // (the sample, or an edition made before layers), their audiences/ snapshotted only where they counted.
    const layer = (name: string, builtin: string) =>
      existsSync(path.join(work, `corpus-${name}`)) ? path.join(work, `corpus-${name}`) : path.join(work, builtin);
    const ed: RunOptions = {
      ...options,
      dataDir: path.join(work, 'data'),
      templatesDir: path.join(work, 'templates'),
      stylesDir: path.join(work, 'styles'),
      corpusTemplatesDir: layer('templates', 'templates'),
      corpusStylesDir: layer('styles', 'styles'),
      textDirs: [path.join(work, 'texts')],
      outDir: path.join(work, 'out'),
      editionDate: m.date,
      editionDateGiven: true,
      editionId: m.edition,
      reports: [],
      audiences: m.audiences,
      htmlOnly: false,
      force: false,
    };
    const built = await buildDocuments(ed, { session, progress });
    const made = new Map<string, string>();
    const targets: SealTarget[] = [];
    for (const d of built.documents) {
      made.set(`pdf/${path.basename(d.pdf!)}`, d.pdf!);
      targets.push({ pdf: `pdf/${path.basename(d.pdf!)}`, file: d.pdf!, documents: [d] });
    }
    // The packs the edition archived: one per audience, and each pack file's for its audiences.
    const requests = m.packs.length
      ? m.packs.map((p) => ({ audience: p.audience, pack: p.pack, reports: [] }))
      : m.audiences.map((audience) => ({ audience, pack: undefined, reports: [] }));
    for (const request of requests) {
      const pack = await makePack({ ...ed, audiences: [request.audience] }, request, session, progress);
      made.set(`packs/${path.basename(pack.pdf)}`, pack.pdf);
      targets.push({ pdf: `packs/${path.basename(pack.pdf)}`, file: pack.pdf, documents: pack.documents });
    }
    // An edition made before PDFs carried their evidence is compared as it was made.
    if (m.evidence) {
      const basis = {
        edition: m.edition,
        date: m.date,
        sequence: m.sequence,
        previous: m.previous,
        tool: m.tool,
        inputs: m.inputs,
      };
      const carried = targets.filter((t) => m.evidence?.[t.pdf]);
      await attachEvidence(ed.outDir, basis, carried, built.model!, built.anchoring!, ed);
    }
    const differing: string[] = [];
    for (const o of m.outputs.filter((x) => x.path.endsWith('.pdf'))) {
      const file = made.get(o.path);
      const expected = m.unsigned?.[o.path]?.sha256 ?? o.sha256;
      if (!file || sha256(await readFile(file)) !== expected) differing.push(o.path);
    }
    return { same: differing.length === 0, differing };
  } finally {
    await session.close();
    await rm(work, { recursive: true, force: true });
  }
}
