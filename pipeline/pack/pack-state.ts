// pack: what the last packs were made from, so an unchanged pack is kept: the `packs` of
// out/.brief/state.json, the one state file (run/state.ts).
import type { Staging } from '../run/staging.ts';
import { type PackRecord, readState, STATE_FILE, stateText } from '../run/state.ts';

export type { PackRecord } from '../run/state.ts';
export type PackState = Readonly<Record<string, PackRecord>>;

export async function readPackState(outDir: string): Promise<PackState> {
  return (await readState(outDir)).state.packs;
}

/** Written under the out/ lock: the rest of the state is read again then, as the last build left it. */
export async function writePackState(staging: Staging, packs: PackState): Promise<void> {
  const { state } = await readState(staging.outDir);
  await staging.write(`.brief/${STATE_FILE}`, await stateText({ ...state, packs: { ...packs } }));
}
