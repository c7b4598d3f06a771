// run: `brief edition`: archives a dated edition: the documents' PDFs and a pack per audience,
// the corpus they were built from (content-addressed), a semantic CHANGELOG against the previous
// edition and a manifest chained to the previous one's. Never overwritten; written all or nothing.
//
// 1. lock the archive; the edition's id: the date, or date.N when that day already has editions
// 2. build every document and pack into a work folder, with the edition id in every PDF
// 3. snapshot the inputs into the store; summarise the corpus; the changelog against the previous edition
// 4. manifest (every file's sha256, the previous manifest's sha256), then one rename into place and the new head
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { changelogMarkdown, diffSummaries } from '../archive/changelog.ts';
import { listEditions, MANIFEST, nextEditionId, type FileEntry, type Manifest } from '../archive/manifest.ts';
import { sha256, storeBytes } from '../archive/store.ts';
import { summarizeCorpus, type CorpusSummary } from '../archive/summary.ts';
import { HEAD } from '../archive/verify.ts';
import { allFiles, layerDirs, presentationOf } from '../config/layers.ts';
import { PROJECT_ROOT, type RunOptions } from '../config/options.ts';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { printDiagnostics } from '../core/output.ts';
import { displayPath } from '../core/paths.ts';
import { BrowserSession } from './browser-session.ts';
import { buildDocuments } from './build.ts';
import type { CommandContext } from './command.ts';
import { undoOnInterrupt } from './interrupt.ts';
import { lockOut } from './out-lock.ts';
import { makePack } from './pack.ts';
import { stateDir } from './staging.ts';
import { makeDirs } from '../core/dirs.ts';

export const archiveDir = (options: RunOptions): string => path.resolve(options.archiveDir ?? path.join(options.outDir, 'editions'));

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // Linked files count as the build read them (it follows links), so the snapshot can be laid out again.
  return entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => path.join(e.parentPath, e.name)).sort();
}

async function entry(file: string, as: string): Promise<FileEntry> {
  const bytes = await readFile(file);
  return { path: as, sha256: sha256(bytes), size: bytes.byteLength };
}

/** Stores every input the edition was built from; returns them as the snapshot lists them. */
async function snapshot(archive: string, options: RunOptions, texts: readonly string[]): Promise<FileEntry[]> {
  const inputs: FileEntry[] = [];
  const store = async (file: string, as: string) => {
    const bytes = await readFile(file);
    inputs.push({ path: as, sha256: await storeBytes(archive, bytes), size: bytes.byteLength });
  };
  for (const file of await filesUnder(path.resolve(options.dataDir))) await store(file, `data/${path.relative(path.resolve(options.dataDir), file).split(path.sep).join('/')}`);
  // Each layer of templates and styles as the run saw it: the built-ins under templates/ and styles/,
  // the corpus's own under corpus-templates/ and corpus-styles/ (rebuild.ts lays them out again). A
  // layer whose audiences/ folder does not count leaves it out: those files were no input.
  const p = presentationOf(options);
  for (const layer of [...p.templates, ...p.styles]) {
    const label = layerDirs(p).find((l) => l.dir === layer.dir)!.label;
    for (const rel of allFiles(layer).filter((r) => layer.audiences || !r.startsWith('audiences/'))) await store(path.join(layer.dir, ...rel.split('/')), `${label}/${rel}`);
  }
  // Texts found outside the data folder (--texts) are kept too, so the edition can be rebuilt as it was verified.
  for (const file of texts.filter((t) => !path.resolve(t).startsWith(path.resolve(options.dataDir) + path.sep))) {
    await store(file, `texts/${path.basename(file)}`);
  }
  return inputs;
}

export interface EditionResult {
  readonly id: string;
  readonly dir: string;
  readonly manifest: Manifest;
  readonly changes: number;
}

export async function makeEdition(options: RunOptions, session: BrowserSession, notify: (m: string) => void, progress: (m: string) => void): Promise<EditionResult> {
  const archive = archiveDir(options);
  await makeDirs(archive);
  const release = await lockOut(archive, notify);
  const work = await mkdtemp(path.join(stateDir(archive), 'edition-'));
  return undoOnInterrupt(async () => { await session.close(); await rm(work, { recursive: true, force: true }); await release(); }, async () => {
    try {
      // 1. the id
      const existing = await listEditions(archive, sha256);
      const id = nextEditionId(options.editionDate, existing.map((e) => e.id));
      const previous = existing.filter((e) => e.manifest).at(-1);

      // 2. documents and packs, built afresh for this edition
      const out = path.join(work, 'build');
      const dir = path.join(work, 'edition');
      const ed: RunOptions = { ...options, outDir: out, editionDateGiven: true, editionId: id, reports: [], htmlOnly: false, force: false };
      const built = await buildDocuments(ed, { session, progress, notify });
      const model = built.model!;
      const audiences = [...new Set(built.documents.map((d) => d.audience))];
      const packs = [];
      for (const audience of audiences) packs.push(await makePack({ ...ed, audiences: [audience] }, { audience, pack: undefined, reports: [] }, session, progress, notify));
      await makeDirs(path.join(dir, 'pdf'));
      await makeDirs(path.join(dir, 'packs'));
      for (const d of built.documents) await copyFile(d.pdf!, path.join(dir, 'pdf', path.basename(d.pdf!)));
      for (const p of packs) await copyFile(p.pdf, path.join(dir, 'packs', path.basename(p.pdf)));

      // 3. snapshot, summary, changelog
      const inputs = await snapshot(archive, options, [...(built.anchoring?.texts.values() ?? [])].map((t) => t.file));
      const summary = summarizeCorpus(model);
      await writeFile(path.join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
      const before = previous ? JSON.parse(await readFile(path.join(previous.dir, 'summary.json'), 'utf8')) as CorpusSummary : undefined;
      const fingerprints = Object.fromEntries([...built.documents.map((d) => [`${d.report}.${d.audience}`, d.fingerprint]), ...packs.map((p) => [`packs/${p.name}`, p.documents.map((d) => d.fingerprint).join('+')])]);
      const changes = before ? diffSummaries(before, summary) : [];
      const content = Object.fromEntries(built.documents.map((d) => [`${d.report}.${d.audience}`, d.content]));
      const redone = previous?.manifest ? Object.keys(content).filter((k) => previous.manifest!.content?.[k] !== content[k]) : [];
      const changelog = changelogMarkdown(changes, previous?.manifest ? { id: previous.id, date: previous.manifest.date } : null, { id, date: options.editionDate })
        + (previous ? `\n## Documents whose content changed\n\n${redone.length ? redone.map((n) => `- ${n}`).join('\n') : 'None: every document says what it said in the previous edition.'}\n` : '');
      await writeFile(path.join(dir, 'CHANGELOG.md'), changelog);

      // 4. the manifest, then one rename
      const lock = path.join(PROJECT_ROOT, 'package-lock.json');
      const state = JSON.parse(await readFile(path.join(stateDir(out), 'state.json'), 'utf8')) as { browser?: { version: string } };
      const anchoring: Record<string, number> = {};
      for (const a of built.anchoring?.anchors.values() ?? []) {
        anchoring[a.status] = (anchoring[a.status] ?? 0) + 1;
        if (a.via) anchoring[`via-${a.via}`] = (anchoring[`via-${a.via}`] ?? 0) + 1;
      }
      const manifest: Manifest = {
        format: 1, edition: id, date: options.editionDate, sequence: (previous?.manifest?.sequence ?? 0) + 1,
        previous: previous ? { edition: previous.id, manifestSha256: previous.manifestSha256! } : null,
        tool: {
          name: 'brief', version: (JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
          lockfileSha256: existsSync(lock) ? sha256(await readFile(lock)) : '', chromium: state.browser?.version ?? 'unknown',
        },
        audiences, anchoring, fingerprints, content, changes: changes.length,
        documents: built.documents.map((d) => ({ name: `${d.report}.${d.audience}`, report: d.report, audience: d.audience, pages: d.pages ?? 0, pdf: `pdf/${path.basename(d.pdf!)}` })),
        packs: packs.map((p) => ({ name: p.name, audience: p.name.split('.')[0]!, pages: p.pages, pdf: `packs/${path.basename(p.pdf)}` })),
        inputs,
        outputs: await Promise.all((await filesUnder(dir)).map((f) => entry(f, path.relative(dir, f).split(path.sep).join('/')))),
      };
      const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
      await writeFile(path.join(dir, MANIFEST), manifestText);
      const target = path.join(archive, id);
      if (existsSync(target)) throw new UsageError(`edition ${id} appeared while this one was being made; run brief edition again`);
      await rename(dir, target);
      const head = path.join(stateDir(archive), `${HEAD}.tmp`);
      await writeFile(head, `${JSON.stringify({ edition: id, manifestSha256: sha256(manifestText) })}\n`);
      await rename(head, path.join(archive, HEAD));
      return { id, dir: target, manifest, changes: changes.length };
    } finally {
      await rm(work, { recursive: true, force: true });
      await release();
    }
  });
}

export async function main({ options, args, io }: CommandContext): Promise<ExitCode> {
  if (args.length) throw new UsageError(`brief edition takes no arguments (got ${args.join(' ')}); the date is --date YYYY-MM-DD`);
  const session = new BrowserSession(options.browser);
  try {
    const result = await makeEdition(options, session, io.info, io.progress);
    io.progress('');
    const m = result.manifest;
    if (io.json) {
      io.out({ edition: m.edition, dir: result.dir, date: m.date, previous: m.previous?.edition ?? null, documents: m.documents.length, packs: m.packs.length, changes: result.changes });
      return ExitCode.ok;
    }
    printDiagnostics(io, []);
    io.info(`archived edition ${m.edition} in ${displayPath(result.dir)}: ${m.documents.length} documents, ${m.packs.length} packs, ${m.inputs.length} input files`);
    io.info(m.previous ? `${result.changes} change(s) since ${m.previous.edition}: see ${displayPath(path.join(result.dir, 'CHANGELOG.md'))}` : 'the first edition of this archive');
    return ExitCode.ok;
  } finally {
    await session.close();
  }
}
