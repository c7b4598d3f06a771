// pack: what the last packs were made from: out/.brief/packs.json, so an unchanged pack is kept.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Staging } from '../run/staging.ts';
import { stateDir } from '../run/staging.ts';

export interface PackRecord {
  readonly name: string;
  readonly fingerprint: string;
  /** Part → hash: its definition, its documents, its templates and styles, the tool. */
  readonly parts: Readonly<Record<string, string>>;
  readonly editionDate: string;
  /** Its documents in order, with the fingerprint each had. */
  readonly documents: readonly { readonly name: string; readonly fingerprint: string }[];
  readonly pdf: { readonly path: string; readonly size: number; readonly pages: number };
  readonly html: { readonly path: string; readonly size: number };
}

export type PackState = Readonly<Record<string, PackRecord>>;

const FILE = 'packs.json';

export async function readPackState(outDir: string): Promise<PackState> {
  try {
    return JSON.parse(await readFile(path.join(stateDir(outDir), FILE), 'utf8')) as PackState;
  } catch {
    return {};
  }
}

export async function writePackState(staging: Staging, state: PackState): Promise<void> {
  await staging.write(`.brief/${FILE}`, `${JSON.stringify(state, null, 2)}\n`);
}
