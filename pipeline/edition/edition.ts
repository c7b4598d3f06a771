// edition: makeEdition (`brief edition`): archives a dated edition: the documents' PDFs and a pack per audience,
// the corpus they were built from (content-addressed), a semantic CHANGELOG against the previous
// edition and a manifest chained to the previous one's. Never overwritten; written all or nothing.
//
// 1. lock the archive; the edition's id: the date, or date.N when that day already has editions
// 2. build every document and pack into a work folder, with the edition id in every PDF
// 3. snapshot the inputs into the store; each PDF carries its evidence, then is signed if a key is
//    configured (evidence.ts); summarise the corpus; the changelog against the previous edition
// 4. manifest (every file's sha256, the previous manifest's sha256), then one rename into place and the new head
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diffSummaries, editionChangelogs, INTERNAL_CHANGELOG } from '../archive/changelog.ts';
import { listEditions, MANIFEST, nextEditionId, type Manifest } from '../archive/manifest.ts';
import { sha256 } from '../archive/store.ts';
import { emptySummary, summarizeCorpus, type CorpusSummary } from '../archive/summary.ts';
import { archiveDir } from '../archive/place.ts';
import { entry, filesUnder, inputFiles, inputHashes, snapshot } from './snapshot.ts';
import { HEAD, type Head } from '../archive/verify.ts';
import { PROJECT_ROOT, type RunOptions } from '../config/options.ts';
import { UsageError } from '../core/diagnostics.ts';
import type { BrowserSession } from '../print/session.ts';
import { buildDocuments } from '../run/build.ts';
import { World } from '../run/world.ts';
import { undoOnInterrupt } from '../run/interrupt.ts';
import { lockOut } from '../run/out-lock.ts';
import { makePack } from '../pack/pack.ts';
import { stateDir } from '../run/staging.ts';
import { readState } from '../run/state.ts';
import { makeDirs } from '../core/dirs.ts';
import { editionBasis, editionSeal, sealEdition, sealTargets } from './evidence.ts';

export { archiveDir, assertNotInOldPlace } from '../archive/place.ts';

/** HEAD.json, written whole: to a temp file in the archive's .brief, then renamed over. */
async function writeHead(archive: string, head: Head): Promise<void> {
  const temp = path.join(stateDir(archive), `${HEAD}.tmp`);
  await writeFile(temp, `${JSON.stringify(head)}\n`);
  await rename(temp, path.join(archive, HEAD));
}

/** Work folders of editions killed before they finished, and a half-written HEAD. */
async function sweepWork(archive: string): Promise<void> {
  const dir = stateDir(archive);
  const entries = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((e) => e.startsWith('edition-') || e === `${HEAD}.tmp`)
      .map((e) => rm(path.join(dir, e), { recursive: true, force: true })),
  );
}

export type EditionResult =
  | {
      readonly made: true;
      readonly id: string;
      readonly dir: string;
      readonly manifest: Manifest;
      readonly changes: number;
    }
  /** Nothing changed since `previous` (its inputs and brief are as they were), and --force was not given. */
  | { readonly made: false; readonly previous: string };

const toolOf = async () => {
  const lock = path.join(PROJECT_ROOT, 'package-lock.json');
  return {
    version: (JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version,
    lockfileSha256: existsSync(lock) ? sha256(await readFile(lock)) : '',
  };
};

export async function makeEdition(
  options: RunOptions,
  session: BrowserSession,
  notify: (m: string) => void,
  progress: (m: string) => void,
): Promise<EditionResult> {
  const archive = archiveDir(options);
  await makeDirs(archive);
  const release = await lockOut(archive, notify);
  // An edition killed outright (SIGKILL cannot be caught) left its work folder: under the lock, none is in use.
  await sweepWork(archive).catch(async (err: unknown) => {
    await release();
    throw err;
  });
  const work = await mkdtemp(path.join(stateDir(archive), 'edition-'));
  return undoOnInterrupt(
    async () => {
      await session.close();
      await rm(work, { recursive: true, force: true });
      await release();
    },
    async () => {
      try {
        // 1. the id; an edition dated before the latest, or with nothing new, only when asked for
        const existing = await listEditions(archive, sha256);
        const id = nextEditionId(
          options.editionDate,
          existing.map((e) => e.id),
        );
        const previous = existing.filter((e) => e.manifest).at(-1);
        const latest = existing
          .map((e) => e.manifest?.date ?? '')
          .sort()
          .at(-1);
        if (latest && options.editionDate < latest && !options.backdate) {
          throw new UsageError(
            `an edition dated ${options.editionDate} would come after one dated ${latest}: editions are archived in date order, so a back-dated one is made only when asked for (--backdate; it is chained after the latest all the same)`,
          );
        }
        const tool = await toolOf();
        const seal = await editionSeal(options);
        if (previous?.manifest && !options.force) {
          const world = World.of(options);
          const { checkCorpus } = await import('../run/check.ts');
          const checked = await checkCorpus(options, undefined, { templates: false }, world);
          const texts = [...(checked.anchoring?.texts.values() ?? [])].map((t) => t.file);
          const was = previous.manifest.inputs
            .map((i) => `${i.path} ${i.sha256}`)
            .sort()
            .join('\n');
          const sameTool =
            previous.manifest.tool.version === tool.version &&
            previous.manifest.tool.lockfileSha256 === tool.lockfileSha256;
          if (checked.ok && sameTool && was === inputHashes(inputFiles(options, texts, world), world))
            return { made: false, previous: previous.id } as const;
        }

        // 2. documents and packs, built afresh for this edition
        const out = path.join(work, 'build');
        const dir = path.join(work, 'edition');
        const ed: RunOptions = {
          ...options,
          outDir: out,
          editionDateGiven: true,
          editionId: id,
          reports: [],
          htmlOnly: false,
          force: false,
        };
        const built = await buildDocuments(ed, { session, progress, notify });
        const model = built.model!;
        const audiences = [...new Set(built.documents.map((d) => d.audience))];
        // A pack per audience, and every pack the corpus defines (data/packs/) for each of its audiences.
        const requests = [
          ...audiences.map((audience) => ({ audience, pack: undefined, reports: [] })),
          ...[...model.packs.values()].flatMap((p) =>
            p.audiences.filter((a) => audiences.includes(a)).map((audience) => ({ audience, pack: p.id, reports: [] })),
          ),
        ];
        const packs = [];
        for (const request of requests)
          packs.push({
            ...(await makePack({ ...ed, audiences: [request.audience] }, request, session, progress, notify)),
            request,
          });
        await makeDirs(path.join(dir, 'pdf'));
        await makeDirs(path.join(dir, 'packs'));
        for (const d of built.documents) await copyFile(d.pdf!, path.join(dir, 'pdf', path.basename(d.pdf!)));
        for (const p of packs) await copyFile(p.pdf, path.join(dir, 'packs', path.basename(p.pdf)));

        // 3. snapshot, summary, changelog
        // The inputs as they are now, through a world of their own: each read once, stored, hashed.
        const taken = World.of(options);
        const texts = [...(built.anchoring?.texts.values() ?? [])].map((t) => t.file);
        const inputs = await snapshot(archive, inputFiles(options, texts, taken), taken);
        const sealed = await sealEdition(dir, editionBasis(id, ed, previous, tool, inputs), sealTargets(built, packs), {
          model,
          anchoring: built.anchoring!,
          options: ed,
          seal,
        });
        const summary = summarizeCorpus(model);
        await writeFile(path.join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
        const before = previous
          ? (JSON.parse(await readFile(path.join(previous.dir, 'summary.json'), 'utf8')) as CorpusSummary)
          : undefined;
        // A first edition's changelog says what it holds: everything in it, as added to an empty archive.
        const held = before ? undefined : diffSummaries(emptySummary(), summary);
        const fingerprints = Object.fromEntries([
          ...built.documents.map((d) => [`${d.report}.${d.audience}`, d.fingerprint]),
          ...packs.map((p) => [`packs/${p.name}`, p.documents.map((d) => d.fingerprint).join('+')]),
        ]);
        const changes = before ? diffSummaries(before, summary) : [];
        const content = Object.fromEntries(built.documents.map((d) => [`${d.report}.${d.audience}`, d.content]));
        const redone = previous?.manifest
          ? Object.keys(content).filter((k) => previous.manifest!.content?.[k] !== content[k])
          : [];
        // CHANGELOG.md counts but never quotes internal material; CHANGELOG.internal.md has it all (R16).
        const open = (name: string) =>
          model.audiences.get(name.slice(name.lastIndexOf('.') + 1))?.distribution.includes('internal') === false;
        const changelogs = editionChangelogs(
          held ?? changes,
          before ?? emptySummary(),
          summary,
          previous?.manifest ? { id: previous.id, date: previous.manifest.date } : null,
          { id, date: options.editionDate },
          { documents: built.documents.length, audiences: audiences.length, packs: packs.length },
          previous ? { open: redone.filter(open), all: redone } : undefined,
        );
        await writeFile(path.join(dir, 'CHANGELOG.md'), changelogs.open);
        if (changelogs.internal) await writeFile(path.join(dir, INTERNAL_CHANGELOG), changelogs.internal);

        // 4. the manifest, then one rename
        const { state } = await readState(out);
        const anchoring: Record<string, number> = {};
        for (const a of built.anchoring?.anchors.values() ?? []) {
          anchoring[a.status] = (anchoring[a.status] ?? 0) + 1;
          if (a.via) anchoring[`via-${a.via}`] = (anchoring[`via-${a.via}`] ?? 0) + 1;
        }
        const manifest: Manifest = {
          format: 1,
          edition: id,
          date: options.editionDate,
          sequence: (previous?.manifest?.sequence ?? 0) + 1,
          previous: previous ? { edition: previous.id, manifestSha256: previous.manifestSha256! } : null,
          tool: { name: 'brief', ...tool, chromium: state.browser?.version ?? 'unknown' },
          audiences,
          anchoring,
          fingerprints,
          content,
          changes: changes.length,
          documents: built.documents.map((d) => ({
            name: `${d.report}.${d.audience}`,
            report: d.report,
            audience: d.audience,
            pages: d.pages ?? 0,
            pdf: `pdf/${path.basename(d.pdf!)}`,
          })),
          packs: packs.map((p) => ({
            name: p.name,
            audience: p.request.audience,
            ...(p.request.pack ? { pack: p.request.pack } : {}),
            pages: p.pages,
            pdf: `packs/${path.basename(p.pdf)}`,
          })),
          inputs,
          outputs: await Promise.all(
            (await filesUnder(dir)).map((f) => entry(f, path.relative(dir, f).split(path.sep).join('/'))),
          ),
          ...sealed,
        };
        const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
        await writeFile(path.join(dir, MANIFEST), manifestText);
        const target = path.join(archive, id);
        if (existsSync(target))
          throw new UsageError(`edition ${id} appeared while this one was being made; run brief edition again`);
        // HEAD first as pending (naming the head before), then the rename, then HEAD confirmed: a
        // kill between any two steps leaves an archive verify reads as before or after, not as tampered.
        const link = { edition: id, manifestSha256: sha256(manifestText) };
        await writeHead(archive, {
          ...link,
          pending: { was: previous ? { edition: previous.id, manifestSha256: previous.manifestSha256! } : null },
        });
        await rename(dir, target);
        await writeHead(archive, link);
        return { made: true, id, dir: target, manifest, changes: changes.length };
      } finally {
        await rm(work, { recursive: true, force: true });
        await release();
      }
    },
  );
}
