// run: buildDocuments, the orchestrator of one build (`brief build`, watch, pack, edition). The only place that calls the stages in order.
//
//   load → validate → model → anchor → select → chart → render → print
//
// 0. lock out/; if every input file and output is as the last build left them, stop: all kept
// 1–4. check: load, validate, model, anchor (check.ts, called by select-documents.ts)
// 5. plan the documents (report × audience) and select what goes into each (select-documents.ts)
// 6. fingerprint each and compare with the last build: keep, or say why it is redone
// 7. chart → render → print what must be redone, into staging (documents.ts)
// 8. record fingerprints, drop outputs of reports and audiences that are gone, commit all or nothing
import { existsSync, statSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunOptions } from '../config/options.ts';
import { InputError, type Diagnostic } from '../core/diagnostics.ts';
import { stylesheetFiles, templateFile } from '../render/template-files.ts';
import type { Anchoring } from '../anchor/index.ts';
import type { Model } from '../model/index.ts';
import type { BrowserSession } from '../print/session.ts';
import { makeDocuments, type DocumentJob } from './documents.ts';
import { presentationOf } from '../config/layers.ts';
import { fingerprintOf, hashMemo, presentationParts, runParts, selectionParts, type Parts } from './fingerprint.ts';
import { type BuiltDocument, fromRecord, inPlace, optionsKey, reasonsToRedo } from './keep.ts';
import { Warm } from './warm.ts';
import { World } from './world.ts';
import { undoOnInterrupt } from './interrupt.ts';
import { lockOut } from './out-lock.ts';
import type { PlannedDocument } from './plan.ts';
import { checkAndSelect } from './select-documents.ts';
import { writeRecords } from './records.ts';
import { Staging, stateDir } from './staging.ts';
import { type BuildState, type DocumentRecord, readState, STATE_VERSION } from './state.ts';

export type { BuiltDocument } from './keep.ts';
export { reportBuild } from './report-build.ts';

export interface BuildResult {
  readonly documents: readonly BuiltDocument[];
  /** Outputs removed because their report or audience is gone. */
  readonly removed: readonly { readonly name: string; readonly reason: string }[];
  readonly warnings: readonly Diagnostic[];
  /** Whether this build needed the browser (a build with nothing to print starts none). */
  readonly browserStarted: boolean;
  /** The corpus as checked; undefined when nothing had changed and nothing was read. */
  readonly model?: Model;
  readonly anchoring?: Anchoring;
}

export interface BuildHooks {
  /** The command's one browser; started only if something is printed. */
  readonly session: BrowserSession;
  readonly progress?: (message: string) => void;
  /** Told when another run holds out/ and this one waits. */
  readonly notify?: (message: string) => void;
  /** Aborted when the build is given up (a service job past its time limit): it stops and writes nothing more. */
  readonly signal?: AbortSignal;
  /** What stays warm from one build to the next (`brief watch`); by default, one for this build alone. */
  readonly warm?: Warm;
}

export function buildDocuments(options: RunOptions, hooks: BuildHooks): Promise<BuildResult> {
  return buildThen(options, hooks, async (built) => built);
}

/**
 * Builds, then runs `then` on what was built under the same out/ lock (a pack prints its
 * documents with no other run writing to out/ between its build and its print).
 */
export async function buildThen<T>(
  options: RunOptions,
  hooks: BuildHooks,
  then: (built: BuildResult) => Promise<T>,
): Promise<T> {
  const print = !options.htmlOnly;
  const progress = hooks.progress ?? (() => undefined);
  const existed = existsSync(options.outDir);
  const release = await lockOut(options.outDir, hooks.notify ?? (() => undefined));
  let failed = false;
  try {
    return await undoOnInterrupt(release, async () => {
      await Staging.sweep(options.outDir);
      const built = await buildLocked(options, hooks, print, progress).catch((err: unknown) => {
        failed = true; // only the build's own failure: what `then` failed at leaves the built documents
        throw err;
      });
      return then(built);
    });
  } finally {
    await release();
    // A first build that fails leaves no out/ behind, not even brief's own state folder; removed
    // only once the lock is released, since the lock lives in that folder and is still being kept fresh.
    // The browser's profile is in that folder too (print/browser.ts): the browser is closed first.
    if (failed && !existed) {
      if (hooks.session.started) await hooks.session.close();
      await rm(stateDir(options.outDir), { recursive: true, force: true })
        .then(() => rmdir(options.outDir))
        .catch(() => undefined);
    }
  }
}

async function buildLocked(
  options: RunOptions,
  { session, signal, warm = new Warm() }: BuildHooks,
  print: boolean,
  progress: (m: string) => void,
): Promise<BuildResult> {
  signal?.throwIfAborted();
  const out = path.resolve(options.outDir);
  const present = (rel: string, size: number) =>
    existsSync(path.join(out, rel)) && statSync(path.join(out, rel)).size === size;
  const { state, discarded } = await readState(out);
  const world = World.of(options, state.snapshot);
  const inputs = await world.runInputs(options);
  const key = optionsKey(options, print);
  const snap = state.snapshot;

  // 0. nothing changed since the last build: no parsing, no browser, no rendering
  if (
    !options.force &&
    snap &&
    snap.key === key &&
    snap.tool === inputs.tool &&
    snap.fonts === inputs.fonts &&
    snap.browser === inputs.browser &&
    world.unchangedSince(snap) &&
    snap.documents.every((n) => inPlace(state.documents[n], present, print))
  ) {
    return {
      documents: state.snapshot!.documents.map((n) => fromRecord(state.documents[n]!, out)),
      removed: [],
      warnings: state.snapshot!.warnings ?? [],
      browserStarted: false,
    };
  }
  // Every file of the data, templates and styles folders is an input, read by a stage or not: stamped.
  world.stampAll(options);

  // A cold build (--force, or no build before) prints every document: the browser starts now, in
  // its own process, while this one checks (its 0.3–0.5 s launch no longer waited for after the
  // check). A failed check closes it with the session, as always; a signal meanwhile, here.
  const early = print && (options.force || !snap);
  if (early) session.get().catch(() => undefined);

  // 1–5. check, plan and select (select-documents.ts)
  progress('check');
  const { model, anchoring, planned, selections, warnings } = await undoOnInterrupt(
    () => (early ? session.close() : undefined),
    () => checkAndSelect(options, world, warm),
  );

  // 6. fingerprint and compare
  const lockFile = path.join(model.dataDir, 'anchors.lock');
  const presentation = presentationOf(options);
  const hash = hashMemo();
  const partsOf = (doc: PlannedDocument, templates: readonly string[]): Parts => {
    const selection = selections.get(doc.name)!;
    const resolved = Object.fromEntries(
      templates.map((n) => [n, templateFile(presentation.templates, doc.audience.id, n)]),
    );
    return {
      ...selectionParts(selection, model, anchoring.anchors, lockFile, hash),
      ...presentationParts(presentation, resolved, stylesheetFiles(presentation.styles, doc.audience.id), (f) =>
        world.hash(f, 'render'),
      ),
      ...runParts(inputs, options, selection),
    };
  };
  const toMake: DocumentJob[] = [];
  const why = new Map<string, string[]>();
  for (const doc of planned) {
    const record = state.documents[doc.name];
    const reasons = reasonsToRedo(record, partsOf(doc, record?.templates ?? []), options, print, present, discarded);
    if (reasons.length) {
      toMake.push({ doc, selection: selections.get(doc.name)! });
      why.set(doc.name, reasons);
    }
  }

  // 7. make what changed
  const staging = await Staging.open(out, signal);
  return undoOnInterrupt(
    async () => {
      await session.close();
      await staging.discard();
    },
    async () => {
      try {
        const made = await makeDocuments(toMake, {
          options,
          staging,
          session,
          print,
          progress,
          signal,
          files: world.source('render'),
          warm,
        });
        const records: Record<string, DocumentRecord> = { ...state.documents };
        for (const m of made) {
          const templates = Object.keys(m.rendered.templates).sort();
          const parts = partsOf(m.doc, templates);
          records[m.doc.name] = {
            name: m.doc.name,
            report: m.doc.report.id,
            title: m.doc.report.title,
            kind: m.doc.report.kind,
            audience: m.doc.audience.id,
            editionDate: options.editionDate,
            fingerprint: fingerprintOf(parts),
            parts: Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.hash])),
            files: [...new Set(Object.values(parts).flatMap((p) => p.files))].sort(),
            templates,
            html: m.html,
            pdf: m.pdf,
          };
        }
        // 8. outputs of reports or audiences that are gone are removed, not left looking current
        const removed: { name: string; reason: string }[] = [];
        if (options.reports.length === 0 && options.audiences.length === 0) {
          const names = new Set(planned.map((d) => d.name));
          for (const [name, r] of Object.entries(records)) {
            if (names.has(name)) continue;
            staging.remove(r.html.path);
            if (r.pdf) staging.remove(r.pdf.path);
            delete records[name];
            removed.push({
              name,
              reason: model.reports.some((x) => x.id === r.report)
                ? `audience "${r.audience}" is no longer among the report's audiences`
                : `report "${r.report}" no longer exists`,
            });
          }
        }
        const open = session.started ? await session.get() : undefined;
        const next: BuildState = {
          version: STATE_VERSION,
          documents: records,
          packs: state.packs,
          browser: open ? { identity: inputs.browser, version: open.version } : state.browser,
          snapshot: {
            key,
            ...world.record(),
            tool: inputs.tool,
            fonts: inputs.fonts,
            browser: inputs.browser,
            documents: planned.map((d) => d.name),
            warnings: [...warnings],
          },
        };
        await writeRecords(
          staging,
          next,
          planned.map((d) => records[d.name]!),
          model,
          anchoring,
        );
        await staging.commit();
        return {
          documents: planned.map((d) =>
            fromRecord(records[d.name]!, out, why.get(d.name), made.find((m) => m.doc.name === d.name)?.rendering),
          ),
          removed,
          warnings,
          browserStarted: toMake.length > 0 && print,
          model,
          anchoring,
        };
      } catch (err) {
        // Errors found while rendering (a broken template, a chart that cannot be drawn) keep the warnings.
        if (err instanceof InputError && err.warnings.length === 0) throw new InputError(err.diagnostics, warnings);
        throw err;
      } finally {
        await staging.discard();
      }
    },
  );
}
