// run: what the last runs made and from what: out/.brief/state.json, the one state file of out/:
// the documents and their fingerprints, the packs, the snapshot of the inputs, the browser. One zod
// schema with a `version`: a state written by another version of brief, or one that does not read
// as this schema, is discarded with a plain note (every document is redone), never misread.
// Read at the start of a build or pack to decide what to keep, written (through staging) at its end.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { stateDir } from './staging.ts';

/** Raised whenever the state's shape or the meaning of its hashes changes. */
export const STATE_VERSION = 2;

const output = z.object({ path: z.string(), size: z.number() });
const hashes = z.record(z.string(), z.string());

const documentRecord = z.object({
  /** `<report>.<audience>`, the outputs' file name. */
  name: z.string(),
  report: z.string(),
  title: z.string(),
  kind: z.string(),
  audience: z.string(),
  /** The date the document carries. */
  editionDate: z.string(),
  fingerprint: z.string(),
  /** Part key → hash (see fingerprint.ts). */
  parts: hashes,
  /** Every file the document depends on (absolute paths), for "why" and for tests. */
  files: z.array(z.string()),
  /** Template names the render used; their files are resolved again on every build. */
  templates: z.array(z.string()),
  /** Outputs relative to out/, with their size; pdf is null after an HTML-only build. */
  html: output,
  pdf: output.extend({ pages: z.number() }).nullable(),
});

const packRecord = z.object({
  name: z.string(),
  fingerprint: z.string(),
  /** Part → hash: its definition, its documents, its templates and styles, the tool. */
  parts: hashes,
  editionDate: z.string(),
  /** Its documents in order, with the fingerprint each had. */
  documents: z.array(z.object({ name: z.string(), fingerprint: z.string() })),
  pdf: output.extend({ pages: z.number() }),
  html: output,
});

/** A file as a build saw it: enough to tell, without reading it, that it has not changed. */
const fileStamp = z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string() });

const diagnostics = z.array(
  z.custom<Diagnostic>((v) => typeof v === 'object' && v !== null && typeof (v as Diagnostic).code === 'string'),
);

/** Everything the last complete build read, so a build with nothing to do can stop before parsing. */
const inputSnapshot = z.object({
  /** The options that shape the outputs (folders, filters, flags, a given date). */
  key: z.string(),
  /** Every file the build read or hashed (the world's record, run/world.ts), by absolute path, with the stages that asked. */
  files: z.record(z.string(), fileStamp.extend({ stages: z.array(z.string()) })),
  /** Every folder listed (→ a hash of the names in it), and every path looked for (→ whether it was there). */
  listings: z.record(z.string(), z.string()),
  probes: z.record(z.string(), z.boolean()),
  /** What brief itself, the fonts and the browser were. */
  tool: z.string(),
  fonts: z.string(),
  browser: z.string(),
  /** The documents that build made. */
  documents: z.array(z.string()),
  /** Its warnings, said again when the next build stops at the snapshot. */
  warnings: diagnostics,
});

const buildState = z.object({
  version: z.literal(STATE_VERSION),
  snapshot: inputSnapshot.optional(),
  documents: z.record(z.string(), documentRecord),
  packs: z.record(z.string(), packRecord),
  /** The browser last used: its identity (path, size, time) and the version it reported. */
  browser: z.object({ identity: z.string(), version: z.string() }).optional(),
});

export type DocumentRecord = z.infer<typeof documentRecord>;
export type PackRecord = z.infer<typeof packRecord>;
export type FileStamp = z.infer<typeof fileStamp>;
export type InputSnapshot = z.infer<typeof inputSnapshot>;
export type BuildState = z.infer<typeof buildState>;

export const STATE_FILE = 'state.json';
export const statePath = (outDir: string): string => path.join(stateDir(outDir), STATE_FILE);
export const EMPTY_STATE: BuildState = { version: STATE_VERSION, snapshot: undefined, documents: {}, packs: {} };

export interface StateRead {
  readonly state: BuildState;
  /** Why an existing state was discarded, in words for the user; undefined when there was none or it was read. */
  readonly discarded?: string;
}

/** The state as text → the state, or the empty one and why (another version of brief, or not a state at all). */
export function parseState(text: string, shown: string): StateRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: EMPTY_STATE, discarded: `${shown} is not valid JSON; every document is redone` };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== STATE_VERSION)
    return {
      state: EMPTY_STATE,
      discarded: `${shown} was written by another version of brief; every document is redone`,
    };
  const parsed = buildState.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      state: EMPTY_STATE,
      discarded: `${shown} is damaged (${issue?.path.join('.') || 'its root'}: ${issue?.message}); every document is redone`,
    };
  }
  return { state: parsed.data };
}

/** The last state; an empty one when there is none, or (with why) when it cannot be read as this version's. */
export async function readState(outDir: string): Promise<StateRead> {
  const file = statePath(outDir);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? { state: EMPTY_STATE } : parseState(text, displayPath(file) || file);
}

export const stateText = (state: BuildState): string => `${JSON.stringify(buildState.parse(state), null, 2)}\n`;
