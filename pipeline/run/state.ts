// run: what the last runs made and from what: out/.brief/state.json. Read at the start of a
// build to decide what to keep, written (through staging) at its end.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.ts';
import { stateDir } from './staging.ts';

export interface DocumentRecord {
  /** `<report>.<audience>`, the outputs' file name. */
  readonly name: string;
  readonly report: string;
  readonly title: string;
  readonly kind: string;
  readonly audience: string;
  /** The date the document carries. */
  readonly editionDate: string;
  readonly fingerprint: string;
  /** Part key → hash (see fingerprint.ts). */
  readonly parts: Readonly<Record<string, string>>;
  /** Every file the document depends on (absolute paths), for "why" and for tests. */
  readonly files: readonly string[];
  /** Template names the render used; their files are resolved again on every build. */
  readonly templates: readonly string[];
  /** Outputs relative to out/, with their size; pdf is null after an HTML-only build. */
  readonly html: { readonly path: string; readonly size: number };
  readonly pdf: { readonly path: string; readonly size: number; readonly pages: number } | null;
}

/** A file as a build saw it: enough to tell, without reading it, that it has not changed. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/** Everything the last complete build read, so a build with nothing to do can stop before parsing. */
export interface InputSnapshot {
  /** The options that shape the outputs (folders, filters, flags, a given date). */
  readonly key: string;
  /** Every file under the data, templates and styles folders. */
  readonly files: Readonly<Record<string, FileStamp>>;
  /** Source text file name → the path it was found at and its hash (null: not found). */
  readonly texts: Readonly<Record<string, { readonly path: string; readonly sha256: string } | null>>;
  readonly tool: string;
  readonly fonts: string;
  readonly browser: string;
  /** The documents that build made. */
  readonly documents: readonly string[];
  /** Its warnings, said again when the next build stops at the snapshot. */
  readonly warnings: readonly Diagnostic[];
}

export interface BuildState {
  readonly version: 1;
  readonly snapshot: InputSnapshot | undefined;
  readonly documents: Readonly<Record<string, DocumentRecord>>;
  /** The browser last used: its identity (path, size, time) and the version it reported. */
  readonly browser: { readonly identity: string; readonly version: string } | undefined;
}

export const STATE_FILE = 'state.json';
const statePath = (outDir: string): string => path.join(stateDir(outDir), STATE_FILE);
const EMPTY_STATE: BuildState = { version: 1, snapshot: undefined, documents: {}, browser: undefined };

/** The last state, or an empty one when there is none or it cannot be read (then everything is redone). */
export async function readState(outDir: string): Promise<BuildState> {
  try {
    const parsed = JSON.parse(await readFile(statePath(outDir), 'utf8')) as BuildState;
    return parsed.version === 1 && parsed.documents ? parsed : EMPTY_STATE;
  } catch {
    return EMPTY_STATE;
  }
}
