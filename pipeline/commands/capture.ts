// commands: `brief capture FILE…`: files → source texts (data/sources/text/) and source front matter
// (data/sources/<id>.md), both written only when every file is read; a re-captured source keeps its
// id and hand-written fields, and says where each of its locked quotes now stands.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, InputError, UsageError, type Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { makeDirs } from '../core/dirs.ts';
import type { CommandContext } from '../run/command.ts';
import { readLockFile } from '../run/lock-file.ts';
import { Id } from '../validate/schemas.ts';
import { Distribution, Reliability } from '../validate/vocabulary.ts';
import {
  CaptureError,
  captureFile,
  cslMetadata,
  matchCsl,
  parseCsl,
  type Captured,
  type CaptureMetadata,
  type CslItem,
} from '../capture/index.ts';
import { mergeMetadata } from '../capture/metadata.ts';
import {
  claimsOf,
  compareRecapture,
  deriveId,
  existingSources,
  frontMatter,
  sourceFile,
  sourceFor,
  type Recapture,
} from './capture-corpus.ts';

/** What capture looks for in a file and names when it is not there: `brief check` asks for these. */
const WANTED = ['title', 'authors', 'published', 'publisher', 'url', 'language'] as const;

interface Planned {
  readonly input: string;
  readonly id: string;
  readonly captured: Captured;
  readonly metadata: CaptureMetadata;
  readonly missing: readonly string[];
  readonly textPath: string;
  readonly sourcePath: string;
  readonly frontMatter: Record<string, unknown>;
  readonly sourceText: string;
  readonly recapture?: Recapture;
}

function flagValue(flags: CommandContext['flags'], name: string): string | undefined {
  const v = flags?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** Writes every file beside its place, then renames them all: on any failure before the renames, nothing is there. */
async function writeAll(files: readonly { path: string; text: string }[]): Promise<void> {
  const temps = files.map((f) => ({
    ...f,
    temp: path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.tmp`),
  }));
  try {
    for (const f of temps) {
      await makeDirs(path.dirname(f.path));
      await writeFile(f.temp, f.text, 'utf8');
    }
    for (const f of temps) await rename(f.temp, f.path);
  } finally {
    await Promise.all(temps.map((f) => rm(f.temp, { force: true })));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export async function main({ options, args, io, flags }: CommandContext): Promise<ExitCode> {
  if (args.length === 0)
    throw new UsageError(
      'brief capture needs a file: brief capture report.pdf (a PDF, a saved web page, a DOCX, Markdown or text)',
    );
  const id = flagValue(flags, 'id');
  if (id !== undefined && args.length > 1)
    throw new UsageError(
      `--id names one source, but ${args.length} files were given; capture them one at a time to name each`,
    );
  if (id !== undefined && !Id.safeParse(id).success)
    throw new UsageError(`--id ${id} is not an id: use lowercase letters, digits and single hyphens, e.g. smith-2024`);
  const reliability = flagValue(flags, 'reliability');
  if (reliability !== undefined && !(Reliability as readonly string[]).includes(reliability))
    throw new UsageError(`--reliability ${reliability}: give one letter, ${Reliability.join(', ')}`);
  const distribution = flagValue(flags, 'distribution');
  if (distribution !== undefined && !(Distribution as readonly string[]).includes(distribution))
    throw new UsageError(`--distribution ${distribution}: give ${Distribution.join(' or ')}`);
  const perspective = flagValue(flags, 'perspective');
  const given = { perspective, reliability, distribution };

  const dataDir = path.resolve(options.dataDir);
  const errors: Diagnostic[] = [];
  const cslFile = flagValue(flags, 'csl');
  let csl: CslItem[] | undefined;
  if (cslFile !== undefined) {
    const text = await readFile(cslFile, 'utf8').catch(() => undefined);
    if (text === undefined)
      throw new UsageError(
        `--csl ${cslFile} cannot be read; name the CSL-JSON file exported from Zotero (File → Export Library… → CSL JSON)`,
      );
    try {
      csl = parseCsl(text, displayPath(path.resolve(cslFile)) || cslFile);
    } catch (err) {
      if (err instanceof CaptureError) throw new InputError([err.diagnostic]);
      throw err;
    }
  }

  const sources = await existingSources(dataDir);
  // An id is taken by a source, and so is the name of its file (which may differ from the id inside it).
  const taken = new Set(sources.flatMap((s) => [s.id, path.basename(s.file, '.md')]));
  const lock = (await readLockFile(dataDir)).lock;
  const planned: Planned[] = [];
  const written = new Set<string>();
  for (const input of args) {
    let captured: Captured;
    let metadata: CaptureMetadata & { family?: string };
    try {
      captured = await captureFile(input);
      const item =
        csl && matchCsl(csl, captured.metadata, captured.text, displayPath(path.resolve(input)) || input, cslFile!);
      const fromCsl = item ? cslMetadata(item) : undefined;
      metadata = {
        ...mergeMetadata(fromCsl, captured.metadata),
        ...(fromCsl?.family ? { family: fromCsl.family } : {}),
      };
    } catch (err) {
      if (!(err instanceof CaptureError)) throw err;
      errors.push(err.diagnostic);
      continue;
    }
    const existing = sourceFor(sources, id, input, metadata.url);
    const sourceId = existing?.id ?? id ?? deriveId(metadata, input, taken);
    const clash = existing ? undefined : sources.find((s) => path.basename(s.file, '.md') === sourceId);
    if (clash)
      throw new UsageError(
        `--id ${sourceId}: ${displayPath(clash.file)} is there already and holds source "${clash.id}"; give another id, or --id ${clash.id} to re-capture that source`,
      );
    taken.add(sourceId);
    const ext = captured.format === 'markdown' ? 'md' : 'txt';
    // A new source's text never goes over a file already there (another source's text, named by hand).
    let textName = typeof existing?.frontMatter.text === 'string' ? existing.frontMatter.text : `${sourceId}.${ext}`;
    for (
      let n = 2;
      !existing && (existsSync(path.join(dataDir, 'sources', 'text', textName)) || written.has(textName));
      n++
    )
      textName = `${sourceId}-${n}.${ext}`;
    written.add(textName);
    const fm = frontMatter(sourceId, textName, sha256(captured.text), captured, metadata, input, given, existing);
    const missing = WANTED.filter((k) => fm[k] === undefined);
    const recapture = existing
      ? compareRecapture(captured.text, await claimsOf(dataDir, sourceId), lock, textName)
      : undefined;
    planned.push({
      input,
      id: sourceId,
      captured,
      metadata,
      missing,
      frontMatter: fm,
      recapture,
      textPath: path.join(dataDir, 'sources', 'text', textName),
      sourcePath: existing?.file ?? path.join(dataDir, 'sources', `${sourceId}.md`),
      sourceText: sourceFile(fm, existing?.body ?? ''),
    });
  }
  if (errors.length) throw new InputError(errors);

  await writeAll(
    planned.flatMap((p) => [
      { path: p.textPath, text: p.captured.text },
      { path: p.sourcePath, text: p.sourceText },
    ]),
  );

  if (io.json) {
    io.out({
      ok: true,
      sources: planned.map((p) => ({
        id: p.id,
        text: displayPath(p.textPath),
        frontMatter: displayPath(p.sourcePath),
        format: p.captured.format,
        metadata: Object.fromEntries(Object.entries(p.metadata).filter(([k]) => k !== 'family')),
        missing: p.missing,
        ...(p.recapture ? { recapture: p.recapture } : {}),
      })),
    });
    return ExitCode.ok;
  }
  for (const p of planned) {
    const pages = p.captured.format === 'pdf' ? `, ${count(p.captured.text.split('\n\f\n').length, 'page')}` : '';
    io.info(
      `${p.recapture ? 're-captured' : 'captured'} ${p.input} (${p.captured.format}${pages}) as source "${p.id}": ${displayPath(p.sourcePath)} and ${displayPath(p.textPath)}`,
    );
    const read = WANTED.filter((k) => !p.missing.includes(k)).map(
      (k) =>
        `${k}: ${Array.isArray(p.frontMatter[k]) ? (p.frontMatter[k] as string[]).join('; ') : String(p.frontMatter[k])}`,
    );
    if (read.length) io.info(`  read: ${read.join(' | ')}`);
    if (p.missing.length) io.info(`  could not read: ${p.missing.join(', ')} — check will ask for them`);
    if (p.recapture) {
      const r = p.recapture;
      const quotes = r.unchanged.length + r.moved.length + r.changed.length + r.vanished.length;
      io.info(
        quotes
          ? `  quotes of "${p.id}": ${r.unchanged.length} unchanged, ${r.moved.length} moved, ${r.changed.length} changed, ${r.vanished.length} vanished`
          : `  no claim quotes "${p.id}" yet`,
      );
      for (const m of r.moved) io.info(`  moved: ${m.claim} (${m.detail})`);
      for (const c of r.changed) io.info(`  changed: ${c.claim}: ${c.detail}`);
      for (const v of r.vanished) io.info(`  vanished: ${v.claim}: ${v.detail}`);
    }
  }
  io.info('next: brief check (it asks for what is missing), then brief lock');
  return ExitCode.ok;
}
