// run: what the last runs made and from what: out/.brief/state.json, the one state file of out/:
// the documents and their fingerprints, the packs, the snapshot of the inputs, the browser. One zod
// schema (state-schema.ts) with a `version`, checked when the state is written; the file carries a
// checksum of what was written. A state written by another version of brief, or one whose
// checksum does not match (damaged, or edited by hand), is discarded with a plain note (every
// document is redone), never misread. So reading needs no zod: a build with nothing to do stops
// in a fraction of a second, and zod's ~0.1–0.2 s import is paid only when something is written.
// Read at the start of a build or pack to decide what to keep, written (through staging) at its end.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { displayPath } from '../core/paths.ts';
import { stateDir } from './staging.ts';
import type { buildState, documentRecord, fileStamp, inputSnapshot, packRecord } from './state-schema.ts';
import type { z } from 'zod';

/** Raised whenever the state's shape or the meaning of its hashes changes. */
export const STATE_VERSION = 2;

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

/** The checksum a state is written with: sha256 of its JSON without it. */
const checksumOf = (state: BuildState): string => createHash('sha256').update(JSON.stringify(state)).digest('hex');

type Read = StateRead & { readonly damaged?: unknown };

/**
 * The state as text → the state, or the empty one and why (another version of brief, not JSON, or
 * not what brief wrote). `damaged` is the parsed value when its checksum does not match, for
 * readState to say where it differs from the schema.
 */
export function parseState(text: string, shown: string): Read {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: EMPTY_STATE, discarded: `${shown} is not valid JSON; every document is redone` };
  }
  const { checksum, ...state } = (json ?? {}) as { checksum?: unknown; version?: unknown };
  if (state.version !== STATE_VERSION)
    return {
      state: EMPTY_STATE,
      discarded: `${shown} was written by another version of brief; every document is redone`,
    };
  if (checksum !== checksumOf(state as BuildState))
    return {
      state: EMPTY_STATE,
      discarded: `${shown} is damaged (it is not what brief wrote); every document is redone`,
      damaged: state,
    };
  return { state: state as BuildState };
}

/** The last state; an empty one when there is none, or (with why) when it cannot be read as this version's. */
export async function readState(outDir: string): Promise<StateRead> {
  const file = statePath(outDir);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { state: EMPTY_STATE };
  const shown = displayPath(file) || file;
  const { damaged, ...read } = parseState(text, shown);
  if (damaged === undefined) return read;
  // Rare: say where the damage is, if the schema can tell.
  const { buildState } = await import('./state-schema.ts');
  const issue = buildState.safeParse(damaged).error?.issues[0];
  return issue
    ? {
        ...read,
        discarded: `${shown} is damaged (${issue.path.join('.') || 'its root'}: ${issue.message}); every document is redone`,
      }
    : read;
}

/** The state as written: checked against the schema, with its checksum. */
export async function stateText(state: BuildState): Promise<string> {
  const { buildState } = await import('./state-schema.ts');
  const checked = buildState.parse(state) as BuildState;
  return `${JSON.stringify({ checksum: checksumOf(checked), ...checked }, null, 2)}\n`;
}
